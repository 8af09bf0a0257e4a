// The sandbox email provider, mounted at /sandbox/mail when MAIL_* is configured: the one call Daybook
// makes, `POST /emails` in Resend's shape (a bearer key, `{from, to, subject, text}`, an
// `Idempotency-Key` header, `{id}` back, refusals as `{statusCode, name, message}`), fault orders for
// target "mail", and the outbox a person reads (`/outbox`) or a test reads (`/outbox.json`).
import { type Context, Hono } from "hono";
import { html } from "hono/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import type { Clock } from "../../clock";
import type { Db } from "../../db/client";
import { htmlDocument, type Markup } from "../../pages/document";
import { createSandboxFaults, type FaultAnswer, faultMiddleware, type SandboxFaults } from "../faults";
import { BACK_OFFICE_STYLE } from "../pos/backofficeStyle";
import { createOutbox, type OutboxEmail } from "./outbox";

export interface SandboxMailOptions {
  db: Db;
  clock: Clock;
  /** The key senders must present (MAIL_API_KEY). */
  apiKey: string;
  faults?: SandboxFaults;
  /** Waits for a "slow" fault order. */
  faultSleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Resend's limits: 50 recipients, keys of 1 to 256 characters. */
const MAX_RECIPIENTS = 50;
const MAX_IDEMPOTENCY_KEY = 256;

const ADDRESS = /^[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+$/;
const ADDRESS_FORMAT = "must follow the `email@example.com` or `Name <email@example.com>` format";
/** `email@example.com` or `Name <email@example.com>`. */
const Mailbox = z
  .string()
  .trim()
  .refine((value) => ADDRESS.test(/^[^<>]*<([^<>]*)>$/.exec(value)?.[1] ?? value), ADDRESS_FORMAT);

const SendEmail = z.object({
  from: Mailbox,
  to: z.union([Mailbox, z.array(Mailbox).min(1).max(MAX_RECIPIENTS)]),
  subject: z.string().trim().min(1, "must not be empty").max(998),
  text: z.string(),
});

const REQUIRED = ["from", "to", "subject", "text"] as const;

function providerError(c: Context, status: ContentfulStatusCode, name: string, message: string): Response {
  return c.json({ statusCode: status, name, message }, status);
}

const faultAnswer: FaultAnswer = (c, fault, retryAfterSeconds) => {
  if (fault === "401") return providerError(c, 401, "invalid_api_key", "API key is invalid (fault order)");
  if (fault === "429") {
    c.header("Retry-After", String(retryAfterSeconds));
    return providerError(
      c,
      429,
      "rate_limit_exceeded",
      "Too many requests. You can only make 2 requests per second (fault order).",
    );
  }
  return providerError(c, 500, "application_error", "An unexpected error occurred (fault order).");
};

export function createSandboxMail(options: SandboxMailOptions): Hono {
  const outbox = createOutbox(options.db, options.clock);
  const faults = options.faults ?? createSandboxFaults();
  const app = new Hono();

  app.post(
    "/emails",
    faultMiddleware(faults, "mail", { answer: faultAnswer, sleep: options.faultSleep }),
    async (c) => {
      const authorization = c.req.header("Authorization");
      if (!authorization)
        return providerError(c, 401, "missing_api_key", "Missing API key in the authorization header.");
      if (/^Bearer\s+(\S+)$/i.exec(authorization)?.[1] !== options.apiKey)
        return providerError(c, 401, "invalid_api_key", "API key is invalid.");

      const key = c.req.header("Idempotency-Key");
      if (key !== undefined && (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY))
        return providerError(
          c,
          400,
          "invalid_idempotency_key",
          `The key must be between 1-${MAX_IDEMPOTENCY_KEY} characters.`,
        );

      const body: unknown = await c.req.json().catch(() => undefined);
      if (typeof body !== "object" || body === null || Array.isArray(body))
        return providerError(c, 422, "validation_error", "Invalid `body`: it must be a JSON object.");
      const absent = REQUIRED.find((field) => (body as Record<string, unknown>)[field] === undefined);
      if (absent) return providerError(c, 422, "missing_required_field", `Missing \`${absent}\` field.`);
      const parsed = SendEmail.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = fieldName(issue?.path ?? []);
        return providerError(c, 422, "validation_error", `Invalid \`${field}\` field: ${messageOf(issue)}.`);
      }
      const email = parsed.data;
      const { id } = await outbox.accept({
        from: email.from,
        to: typeof email.to === "string" ? [email.to] : email.to,
        subject: email.subject,
        text: email.text,
        idempotencyKey: key ?? null,
      });
      return c.json({ id });
    },
  );

  app.get("/outbox.json", async (c) => c.json({ emails: (await outbox.list()).map(emailWire) }));

  app.get("/outbox", async (c) => c.html(outboxPage(await outbox.list())));

  return app;
}

function emailWire(email: OutboxEmail) {
  return { ...email, receivedAt: new Date(email.receivedAt).toISOString() };
}

/** `to[1]` from the issue's path. */
function fieldName(path: PropertyKey[]): string {
  return (
    path.reduce<string>(
      (name, part) =>
        typeof part === "number" ? `${name}[${part}]` : name ? `${name}.${String(part)}` : String(part),
      "",
    ) || "body"
  );
}

function messageOf(issue: z.core.$ZodIssue | undefined): string {
  // A `to` that is neither an address nor a list says which of the two it should be.
  if (issue?.code === "invalid_union")
    return `it must be an email address or a list of 1 to ${MAX_RECIPIENTS}`;
  return issue?.message ?? "invalid";
}

const OUTBOX_STYLE = `${BACK_OFFICE_STYLE}
pre{white-space:pre-wrap;margin:0;font:13px/1.4 ui-monospace,monospace}
td{vertical-align:top}
`;

function outboxPage(emails: OutboxEmail[]): Markup {
  return htmlDocument({
    lang: "en",
    title: "Sandbox outbox",
    style: OUTBOX_STYLE,
    body: html`<header>
        <h1>Sandbox outbox</h1>
        <a href="/sandbox/pos/backoffice">Back office</a>
        <a href="/sandbox/mail/outbox.json">JSON</a>
      </header>
      <main>
        <section>
          <h2>Emails received (${emails.length})</h2>
          <p class="muted">
            What Daybook sent through the sandbox email provider, newest first. Nothing leaves the machine.
          </p>
          ${
            emails.length === 0
              ? html`<p class="muted">None yet.</p>`
              : html`<table>
                  <tr>
                    <th>Received</th>
                    <th>To</th>
                    <th>Subject</th>
                    <th>Text</th>
                  </tr>
                  ${emails.map(
                    (email) =>
                      html`<tr>
                        <td>
                          ${new Date(email.receivedAt).toISOString().replace("T", " ").slice(0, 19)} UTC
                        </td>
                        <td>${email.to.join(", ")}</td>
                        <td>${email.subject}<br /><span class="muted">from ${email.from}</span></td>
                        <td><pre>${email.text}</pre></td>
                      </tr>`,
                  )}
                </table>`
          }
        </section>
      </main>`,
  });
}
