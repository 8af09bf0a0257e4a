// One ledger API call, made well: the company's limiter first, a bearer token, a timeout, bounded
// retries with backoff on 5xx, network errors and timeouts, 429 honouring Retry-After, one token
// refresh on 401 (a second 401 revokes the connection). A 4xx comes back to the adapter, which knows
// how its ledger words a validation error.
import { retryAfterSeconds } from "../http/retryAfter";
import type { Clock } from "../clock";
import type { Limiter } from "./limiter";
import { LedgerAuthError, type LedgerCredentials, LedgerUnavailableError } from "./port";

export interface LedgerHttpOptions {
  /** "QuickBooks" or "Xero", for messages a merchant reads. */
  ledgerName: string;
  credentials: LedgerCredentials;
  fetch: typeof fetch;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  limiter: Limiter;
  timeoutMs?: number;
  maxAttempts?: number;
  /** Longest Retry-After the client waits out itself; longer ones go back to the queue. */
  maxRetryAfterSeconds?: number;
}

export interface LedgerRequest {
  method: "GET" | "POST";
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface LedgerAnswer {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or undefined when there was none or it was not JSON. */
  json: unknown;
  text: string;
}

const backoffMs = (attempt: number) => Math.min(500 * 2 ** (attempt - 1), 8_000);

export function createLedgerHttp(options: LedgerHttpOptions) {
  const { credentials, clock, sleep, limiter, ledgerName } = options;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxAttempts = options.maxAttempts ?? 4;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 60;

  async function once(request: LedgerRequest, token: string): Promise<LedgerAnswer> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    try {
      const response = await options.fetch(request.url, {
        method: request.method,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: "application/json",
          ...(request.body !== undefined && { "Content-Type": "application/json" }),
          ...request.headers,
        },
        ...(request.body !== undefined && { body: JSON.stringify(request.body) }),
        signal: controller.signal,
      });
      const text = await response.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: response.status, headers: response.headers, json, text };
    } finally {
      clearTimeout(timer);
    }
  }

  /** The answer of a 2xx or a 4xx other than 401/429; throws for what retrying or reconnecting must fix. */
  return async function send(request: LedgerRequest): Promise<LedgerAnswer> {
    const what = `${ledgerName} ${request.method} ${new URL(request.url).pathname}`;
    let token = await credentials.accessToken();
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      let answer: LedgerAnswer;
      try {
        answer = await limiter.run(() => once(request, token));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (attempt >= maxAttempts) throw new LedgerUnavailableError(`${what} failed: ${reason}`);
        await sleep(backoffMs(attempt));
        continue;
      }
      if (answer.status === 401) {
        if (refreshed) {
          const reason = `${ledgerName} refused the refreshed access token`;
          await credentials.revoke(reason);
          throw new LedgerAuthError(reason);
        }
        token = await credentials.refresh();
        refreshed = true;
        attempt--;
        continue;
      }
      if (answer.status === 403) throw new LedgerAuthError(`${ledgerName} refused access (403) to ${what}`);
      if (answer.status === 429) {
        const wait = retryAfterSeconds(answer.headers, clock()) ?? backoffMs(attempt) / 1000;
        if (wait > maxRetryAfter || attempt >= maxAttempts)
          throw new LedgerUnavailableError(`${what} is rate limited (429)`, wait);
        limiter.pause(wait);
        continue;
      }
      if (answer.status >= 500) {
        if (attempt >= maxAttempts)
          throw new LedgerUnavailableError(
            `${what} answered ${answer.status} after ${attempt} attempts`,
            retryAfterSeconds(answer.headers, clock()),
          );
        await sleep(backoffMs(attempt));
        continue;
      }
      return answer;
    }
  };
}

export type LedgerSend = ReturnType<typeof createLedgerHttp>;
