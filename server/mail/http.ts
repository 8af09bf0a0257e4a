// The Mailer over an email provider's HTTP API, in Resend's shape: `POST {apiUrl}/emails` with a bearer
// key, `{from, to: [...], subject, text}` and an `Idempotency-Key` header, answering `{id}`; refusals come
// as `{statusCode, name, message}`. One attempt per send: the queue retries what is worth retrying
// (MailUnavailableError). The key goes in the Authorization header only, never in a message or a log.
import type { Clock } from "../clock";
import type { Env } from "../env";
import { retryAfterSeconds } from "../http/retryAfter";
import { type Mailer, MailRejectedError, MailUnavailableError } from "./port";

export interface HttpMailerOptions {
  /** The provider's API base, e.g. `https://api.resend.com`. */
  apiUrl: string;
  apiKey: string;
  /** The sender, e.g. `Daybook <jobs@daybook.example.com>`. */
  from: string;
  fetch: typeof fetch;
  /** How long a send may take, answer included (default 10 s). */
  timeoutMs?: number;
  /** Reads an HTTP-date Retry-After against it (default the system clock). */
  clock?: Clock;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_DETAIL = 500;
/** Resend's 409 while another request with the same key is in flight: the same send, later, succeeds. */
const RETRYABLE_NAMES = new Set(["concurrent_idempotent_requests"]);

export function createHttpMailer(options: HttpMailerOptions): Mailer {
  const url = `${options.apiUrl.replace(/\/+$/, "")}/emails`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const clock = options.clock ?? Date.now;
  /** The provider's words, without the key should it ever echo it back. */
  const redact = (text: string) => (options.apiKey ? text.replaceAll(options.apiKey, "[key]") : text);

  return {
    async send(message) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        let response: Response;
        try {
          response = await options.fetch(url, {
            method: "POST",
            headers: {
              Authorization: `Bearer ${options.apiKey}`,
              "Content-Type": "application/json",
              Accept: "application/json",
              "Idempotency-Key": message.idempotencyKey,
            },
            body: JSON.stringify({
              from: options.from,
              to: [message.to],
              subject: message.subject,
              text: message.text,
            }),
            signal: controller.signal,
          });
        } catch (error) {
          throw controller.signal.aborted
            ? new MailUnavailableError(`the email provider did not answer within ${timeoutMs} ms`)
            : new MailUnavailableError(`the email provider cannot be reached: ${describe(error)}`);
        }
        if (response.ok) {
          await response.arrayBuffer().catch(() => undefined);
          return;
        }
        const body = await response.text().catch(() => "");
        const problem = providerProblem(response.status, body, redact);
        if (response.status === 429 || response.status >= 500 || RETRYABLE_NAMES.has(problem.name ?? ""))
          throw new MailUnavailableError(
            `the email provider cannot take the message now (${problem.summary})`,
            retryAfterSeconds(response.headers, clock()),
          );
        if (response.status >= 400)
          throw new MailRejectedError(`the email provider refused the message (${problem.summary})`);
        throw new MailUnavailableError(`the email provider answered ${problem.summary}`);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** The mailer of the configured provider; none when MAIL_API_URL, MAIL_API_KEY and MAIL_FROM are not set. */
export function mailerFor(env: Env, outbound: typeof fetch): Mailer | undefined {
  return env.mail && createHttpMailer({ ...env.mail, fetch: outbound });
}

/** `422 validation_error: Invalid \`to\` field...` from Resend's `{statusCode, name, message}`, else the text. */
function providerProblem(
  status: number,
  body: string,
  redact: (text: string) => string,
): { name?: string; summary: string } {
  let name: string | undefined;
  let detail = body.trim();
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === "object" && parsed !== null) {
      const record = parsed as Record<string, unknown>;
      if (typeof record.name === "string") name = record.name;
      if (typeof record.message === "string") detail = record.message;
      else if (typeof record.error === "string") detail = record.error;
    }
  } catch {
    // Not JSON (a proxy's error page): its text is all there is.
  }
  detail = redact(detail).slice(0, MAX_DETAIL);
  const head = name ? `${status} ${name}` : `HTTP ${status}`;
  return { name, summary: detail ? `${head}: ${detail}` : head };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return `${error.message}${cause}`;
}
