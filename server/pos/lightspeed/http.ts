// One Lightspeed API call, made well: the account's leaky bucket first, a bearer token, a timeout, bounded
// retries with backoff on 429 (honouring Retry-After), 5xx, network errors and timeouts, one token refresh
// on 401 (a second 401 revokes the connection), and cursor pagination over `@attributes.next`.
import { retryAfterSeconds } from "../../http/retryAfter";
import type { z } from "zod";
import type { Clock } from "../../clock";
import { formatPath } from "../../../shared/schemas/common";
import { PosAuthError, type PosCredentials, PosDataError, PosUnavailableError } from "../port";
import type { BucketLimiter } from "./bucket";
import { lsPage } from "./resources";

export interface LightspeedHttpOptions {
  credentials: PosCredentials;
  fetch: typeof fetch;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  /** The limiter of the account the request is for. */
  limiter: () => BucketLimiter;
  timeoutMs: number;
  /** Attempts of one request when the API is unavailable (429, 5xx, network error, timeout). */
  maxAttempts: number;
}

export interface LightspeedHttp {
  /** GET `url` and read the answer with `schema`. */
  get<T extends z.ZodType>(url: string, schema: T): Promise<z.output<T>>;
  /** Every record of a query, page after page. */
  getAll<T extends z.ZodType>(url: string, resource: string, item: T): Promise<z.output<T>[]>;
  post<T extends z.ZodType>(url: string, body: unknown, schema: T): Promise<z.output<T>>;
}

const MAX_BACKOFF_MS = 8_000;
const backoffMs = (attempt: number) => Math.min(500 * 2 ** (attempt - 1), MAX_BACKOFF_MS);

/** Where a request went, for messages: the path, without the query's cursor noise. */
const describe = (method: string, url: string) => `${method} ${new URL(url).pathname}`;

export function createLightspeedHttp(options: LightspeedHttpOptions): LightspeedHttp {
  const { credentials, clock, sleep, timeoutMs, maxAttempts } = options;
  const retryAfter = (headers: Headers) => retryAfterSeconds(headers, clock());

  async function send(method: string, url: string, body?: unknown): Promise<unknown> {
    const what = describe(method, url);
    let token = await credentials.accessToken();
    let refreshed = false;
    let attempt = 0;
    for (;;) {
      attempt++;
      const limiter = options.limiter();
      const reservation = await limiter.acquire();
      let response: Answer;
      try {
        response = await fetchWithTimeout(url, {
          method,
          headers: {
            Authorization: `Bearer ${token}`,
            Accept: "application/json",
            ...(body !== undefined && { "Content-Type": "application/json" }),
          },
          ...(body !== undefined && { body: JSON.stringify(body) }),
        });
      } catch (error) {
        await reservation.settle();
        const reason = isTimeout(error) ? `timed out after ${timeoutMs} ms` : `failed: ${messageOf(error)}`;
        if (attempt >= maxAttempts) throw new PosUnavailableError(`${what} ${reason}`);
        await sleep(backoffMs(attempt));
        continue;
      }
      await reservation.settle(response.headers);

      if (response.status === 401) {
        if (refreshed) {
          const reason = `Lightspeed refused the refreshed access token (401 on ${what})`;
          await credentials.revoke(reason);
          throw new PosAuthError(reason);
        }
        token = await credentials.refresh();
        refreshed = true;
        attempt--;
        continue;
      }
      if (response.status === 429) {
        const wait = retryAfter(response.headers) ?? backoffMs(attempt) / 1000;
        if (attempt >= maxAttempts)
          throw new PosUnavailableError(`${what} is rate limited (429) after ${attempt} attempts`, wait);
        await limiter.pause(wait);
        continue;
      }
      if (response.status >= 500) {
        if (attempt >= maxAttempts)
          throw new PosUnavailableError(
            `${what} answered ${response.status} after ${attempt} attempts`,
            retryAfter(response.headers),
          );
        await sleep(backoffMs(attempt));
        continue;
      }
      if (response.status === 403)
        throw new PosAuthError(`Lightspeed refused ${what} (403): ${errorMessage(response)}`);
      if (response.status < 200 || response.status >= 300)
        throw new PosDataError(`${what} answered ${response.status}: ${errorMessage(response)}`);
      try {
        return JSON.parse(response.text) as unknown;
      } catch {
        throw new PosDataError(`${what} answered something that is not JSON`);
      }
    }
  }

  /** The answer, body included: the timeout covers reading the body too. */
  async function fetchWithTimeout(url: string, init: RequestInit): Promise<Answer> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new TimeoutError()), timeoutMs);
    try {
      const response = await options.fetch(url, { ...init, signal: controller.signal });
      return {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        text: await response.text(),
      };
    } finally {
      clearTimeout(timer);
    }
  }

  function read<T extends z.ZodType>(what: string, schema: T, json: unknown): z.output<T> {
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const where = issue ? `${formatPath(issue.path)}: ${issue.message}` : "unreadable";
    throw new PosDataError(`${what} answered an unexpected shape at ${where}`);
  }

  return {
    async get(url, schema) {
      return read(describe("GET", url), schema, await send("GET", url));
    },
    async getAll(url, resource, item) {
      const page = lsPage(resource, item);
      const origin = new URL(url).origin;
      const seen = new Set<string>();
      const records: z.output<typeof item>[] = [];
      let next = url;
      while (next) {
        // The token goes wherever `next` points: only ever to the API itself, and never twice.
        if (new URL(next).origin !== origin || seen.has(next))
          throw new PosDataError(`${describe("GET", url)} gave an unusable next page: ${next}`);
        seen.add(next);
        const result = read(describe("GET", url), page, await send("GET", next));
        records.push(...result.records);
        next = result.next;
      }
      return records;
    },
    async post(url, body, schema) {
      return read(describe("POST", url), schema, await send("POST", url, body));
    },
  };
}

interface Answer {
  status: number;
  statusText: string;
  headers: Headers;
  text: string;
}

class TimeoutError extends Error {
  override name = "TimeoutError";
}

function isTimeout(error: unknown): boolean {
  return error instanceof TimeoutError || (error instanceof Error && error.cause instanceof TimeoutError);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The API's error message ({ httpCode, httpMessage, message }), or the start of the body. */
function errorMessage(response: Answer): string {
  const { text } = response;
  try {
    const json = JSON.parse(text) as { message?: unknown; httpMessage?: unknown };
    const message = json.message ?? json.httpMessage;
    if (typeof message === "string" && message) return message;
  } catch {
    // not JSON: the text itself says what happened
  }
  return text.slice(0, 200) || response.statusText;
}
