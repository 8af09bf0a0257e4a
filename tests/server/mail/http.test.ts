// The Mailer's HTTP adapter against msw playing a Resend-shaped provider: the request it makes, and how
// each answer maps to done, MailUnavailableError (retry later) or MailRejectedError (do not retry).
import { delay, HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Env } from "../../../server/env";
import { createHttpMailer, type HttpMailerOptions, mailerFor } from "../../../server/mail/http";
import { type MailMessage, MailRejectedError, MailUnavailableError } from "../../../server/mail/port";
import { testEnv } from "../../support/installPlatform";

const API = "https://mail.example.test";
const KEY = "re_test_key_0123456789";
const FROM = "Daybook <jobs@daybook.example.com>";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const message: MailMessage = {
  to: "owner@demo-coffee.test",
  subject: "Your reload job finished",
  text: "12 days reloaded, 1 failed.\nOpen Daybook to see which.",
  idempotencyKey: "job-notice/42",
};

function mailer(options: Partial<HttpMailerOptions> = {}) {
  return createHttpMailer({ apiUrl: API, apiKey: KEY, from: FROM, fetch: globalThis.fetch, ...options });
}

/** What the provider received, one entry per request. */
function recordRequests(answer: () => Response | Promise<Response> = () => HttpResponse.json({ id: "e-1" })) {
  const requests: { url: string; headers: Headers; body: unknown }[] = [];
  server.use(
    http.post(`${API}/emails`, async ({ request }) => {
      requests.push({ url: request.url, headers: request.headers, body: await request.json() });
      return answer();
    }),
  );
  return requests;
}

async function failure(send: Promise<void>): Promise<Error> {
  const error = await send.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof Error)) throw new Error("the send did not fail");
  return error;
}

describe("the request", () => {
  it("posts Resend's shape to {apiUrl}/emails with the bearer key and the idempotency key", async () => {
    const requests = recordRequests();
    await mailer({ apiUrl: `${API}/` }).send(message);
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.url).toBe(`${API}/emails`);
    expect(request?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    expect(request?.headers.get("content-type")).toBe("application/json");
    expect(request?.headers.get("idempotency-key")).toBe("job-notice/42");
    expect(request?.body).toEqual({
      from: FROM,
      to: ["owner@demo-coffee.test"],
      subject: "Your reload job finished",
      text: "12 days reloaded, 1 failed.\nOpen Daybook to see which.",
    });
  });

  it("sends the same idempotency key again when the same message is sent again", async () => {
    const requests = recordRequests();
    await mailer().send(message);
    await mailer().send(message);
    expect(requests.map((request) => request.headers.get("idempotency-key"))).toEqual([
      "job-notice/42",
      "job-notice/42",
    ]);
  });

  it("is done on any 2xx, whatever the body", async () => {
    recordRequests(() => new HttpResponse(null, { status: 202 }));
    await expect(mailer().send(message)).resolves.toBeUndefined();
  });
});

describe("answers the queue should retry", () => {
  it("maps 429 to MailUnavailableError with the Retry-After seconds", async () => {
    recordRequests(() =>
      HttpResponse.json(
        { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests." },
        { status: 429, headers: { "Retry-After": "7" } },
      ),
    );
    const error = await failure(mailer().send(message));
    expect(error).toBeInstanceOf(MailUnavailableError);
    expect((error as MailUnavailableError).retryAfterSeconds).toBe(7);
    expect(error.message).toContain("429 rate_limit_exceeded: Too many requests.");
  });

  it("reads a Retry-After given as an HTTP date against the clock", async () => {
    const now = Date.parse("2026-11-20T15:00:00Z");
    recordRequests(
      () =>
        new HttpResponse("busy", {
          status: 503,
          headers: { "Retry-After": new Date(now + 90_000).toUTCString() },
        }),
    );
    const error = await failure(mailer({ clock: () => now }).send(message));
    expect(error).toBeInstanceOf(MailUnavailableError);
    expect((error as MailUnavailableError).retryAfterSeconds).toBe(90);
  });

  it("maps 5xx to MailUnavailableError, once: the adapter does not retry itself", async () => {
    const requests = recordRequests(() =>
      HttpResponse.json(
        { statusCode: 500, name: "application_error", message: "An unexpected error occurred." },
        { status: 500 },
      ),
    );
    const error = await failure(mailer().send(message));
    expect(error).toBeInstanceOf(MailUnavailableError);
    expect((error as MailUnavailableError).retryAfterSeconds).toBeUndefined();
    expect(requests).toHaveLength(1);
  });

  it("maps Resend's 409 for a key already in flight to MailUnavailableError", async () => {
    recordRequests(() =>
      HttpResponse.json(
        { statusCode: 409, name: "concurrent_idempotent_requests", message: "Same key in progress." },
        { status: 409 },
      ),
    );
    expect(await failure(mailer().send(message))).toBeInstanceOf(MailUnavailableError);
  });

  it("maps a network error to MailUnavailableError", async () => {
    server.use(http.post(`${API}/emails`, () => HttpResponse.error()));
    const error = await failure(mailer().send(message));
    expect(error).toBeInstanceOf(MailUnavailableError);
    expect(error.message).toContain("cannot be reached");
  });

  it("gives up after timeoutMs with MailUnavailableError", async () => {
    server.use(
      http.post(`${API}/emails`, async () => {
        await delay(2_000);
        return HttpResponse.json({ id: "late" });
      }),
    );
    const error = await failure(mailer({ timeoutMs: 50 }).send(message));
    expect(error).toBeInstanceOf(MailUnavailableError);
    expect(error.message).toContain("did not answer within 50 ms");
  });
});

describe("answers retrying will not help", () => {
  it("maps a 422 to MailRejectedError with the provider's message", async () => {
    recordRequests(() =>
      HttpResponse.json(
        {
          statusCode: 422,
          name: "validation_error",
          message: "Invalid `to` field. The email address needs to follow the `email@example.com` format.",
        },
        { status: 422 },
      ),
    );
    const error = await failure(mailer().send(message));
    expect(error).toBeInstanceOf(MailRejectedError);
    expect(error.message).toContain("422 validation_error: Invalid `to` field.");
  });

  it("maps a refused key to MailRejectedError without ever showing the key", async () => {
    recordRequests(() =>
      HttpResponse.json(
        { statusCode: 403, name: "invalid_api_key", message: `API key ${KEY} is invalid` },
        { status: 403 },
      ),
    );
    const error = await failure(mailer().send(message));
    expect(error).toBeInstanceOf(MailRejectedError);
    expect(error.message).toContain("403 invalid_api_key");
    expect(error.message).not.toContain(KEY);
  });

  it("words a 4xx that is not JSON with its text", async () => {
    recordRequests(() => new HttpResponse("Bad Request", { status: 400 }));
    const error = await failure(mailer().send(message));
    expect(error).toBeInstanceOf(MailRejectedError);
    expect(error.message).toContain("HTTP 400: Bad Request");
  });
});

describe("mailerFor", () => {
  it("offers no mailer without MAIL_* settings, and the configured provider's otherwise", async () => {
    const env: Env = testEnv();
    expect(mailerFor({ ...env, mail: undefined }, globalThis.fetch)).toBeUndefined();
    const requests = recordRequests();
    const configured = mailerFor(
      { ...env, mail: { apiUrl: API, apiKey: KEY, from: FROM } },
      globalThis.fetch,
    );
    await configured?.send(message);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    expect((requests[0]?.body as { from: string }).from).toBe(FROM);
  });
});
