// The sandbox email provider through the real sandbox app on a migrated libSQL database, called by the
// real HTTP mailer: what it stores and answers, its refusals in Resend's shape, its outbox, fault orders.
import type { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../../../server/app";
import type { Deps } from "../../../../server/deps";
import type { MailEnv } from "../../../../server/env";
import { createHttpMailer, mailerFor } from "../../../../server/mail/http";
import { type MailMessage, MailRejectedError, MailUnavailableError } from "../../../../server/mail/port";
import { createDbQueue } from "../../../../server/queue/dbQueue";
import { createSandboxFaults, type SandboxFaults } from "../../../../server/sandbox/faults";
import { createSandbox } from "../../../../server/sandbox/index";
import { createTestDatabase, type TestDatabase } from "../../../support/database";
import { type ManualClock, manualClock, POS_ORIGIN, testEnv } from "../../../support/installPlatform";

const MAIL: MailEnv = {
  apiUrl: `${POS_ORIGIN}/sandbox/mail`,
  apiKey: "sandbox-mail-test-key",
  from: "Daybook <jobs@daybook.test>",
};

interface OutboxJson {
  emails: {
    id: string;
    from: string;
    to: string[];
    subject: string;
    text: string;
    idempotencyKey: string | null;
    receivedAt: string;
  }[];
}

let database: TestDatabase;
let clock: ManualClock;
let faults: SandboxFaults;
let app: Hono;
let deps: Deps;

beforeEach(async () => {
  database = await createTestDatabase();
  clock = manualClock(Date.parse("2026-11-20T15:00:00Z"));
  faults = createSandboxFaults();
  const intoApp: typeof fetch = async (input, init) => app.fetch(new Request(input, init));
  const env = testEnv({ mail: MAIL });
  deps = {
    env,
    db: database.db,
    queue: createDbQueue({ db: database.db, clock: clock.clock }),
    clock: clock.clock,
    fetch: intoApp,
    mailer: mailerFor(env, intoApp),
  };
  app = createApp(deps, { sandbox: createSandbox(deps, { faults }) });
});
afterEach(() => database.close());

const notice = (overrides: Partial<MailMessage> = {}): MailMessage => ({
  to: "owner@demo-coffee.test",
  subject: "Your reload job finished",
  text: "12 days reloaded.",
  idempotencyKey: "job-notice/1",
  ...overrides,
});

async function outbox(): Promise<OutboxJson["emails"]> {
  const response = await app.request(`${POS_ORIGIN}/sandbox/mail/outbox.json`);
  expect(response.status).toBe(200);
  return ((await response.json()) as OutboxJson).emails;
}

/** A raw call to the provider, as another client would make it. */
function post(body: unknown, headers: Record<string, string> = {}) {
  return app.request(`${POS_ORIGIN}/sandbox/mail/emails`, {
    method: "POST",
    headers: { Authorization: `Bearer ${MAIL.apiKey}`, "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

const valid = { from: MAIL.from, to: ["owner@demo-coffee.test"], subject: "Done", text: "Done." };

describe("sending through the sandbox provider", () => {
  it("stores what the deps' mailer sends and lists it in the outbox, newest first", async () => {
    await deps.mailer!.send(notice());
    clock.advance(60_000);
    await deps.mailer!.send(
      notice({ subject: "Your regenerate job finished", idempotencyKey: "job-notice/2" }),
    );
    const emails = await outbox();
    expect(emails.map((email) => email.subject)).toEqual([
      "Your regenerate job finished",
      "Your reload job finished",
    ]);
    expect(emails[1]).toMatchObject({
      from: "Daybook <jobs@daybook.test>",
      to: ["owner@demo-coffee.test"],
      text: "12 days reloaded.",
      idempotencyKey: "job-notice/1",
      receivedAt: "2026-11-20T15:00:00.000Z",
    });
    expect(emails[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers a repeated Idempotency-Key with the first email's id and stores no second email", async () => {
    const first = await post(valid, { "Idempotency-Key": "same" });
    const again = await post({ ...valid, subject: "Done again" }, { "Idempotency-Key": "same" });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    const { id } = (await first.json()) as { id: string };
    expect(await again.json()).toEqual({ id });
    await deps.mailer!.send(notice({ idempotencyKey: "job-notice/9" }));
    await deps.mailer!.send(notice({ idempotencyKey: "job-notice/9" }));
    const emails = await outbox();
    expect(emails.map((email) => email.idempotencyKey)).toEqual(["job-notice/9", "same"]);
    expect(emails[1]).toMatchObject({ id, subject: "Done" });
  });

  it("takes a single recipient as a string, and a send without a key each time", async () => {
    expect((await post({ ...valid, to: "solo@demo-coffee.test" })).status).toBe(200);
    expect((await post({ ...valid, to: "solo@demo-coffee.test" })).status).toBe(200);
    const emails = await outbox();
    expect(emails).toHaveLength(2);
    expect(emails[0]).toMatchObject({ to: ["solo@demo-coffee.test"], idempotencyKey: null });
  });
});

describe("refusals, in Resend's shape", () => {
  it("answers 401 to a wrong or missing key, and the mailer does not retry it", async () => {
    const wrong = createHttpMailer({ ...MAIL, apiKey: "not-the-key", fetch: deps.fetch });
    const error = await wrong.send(notice()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MailRejectedError);
    expect((error as Error).message).toContain("401 invalid_api_key");
    expect((error as Error).message).not.toContain("not-the-key");
    const missing = await post(valid, { Authorization: "" });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ statusCode: 401, name: "missing_api_key" });
    expect(await outbox()).toEqual([]);
  });

  it("answers 422 naming the field that is wrong or missing", async () => {
    const badTo = await post({ ...valid, to: ["owner@demo-coffee.test", "not an address"] });
    expect(badTo.status).toBe(422);
    const badToBody = (await badTo.json()) as { statusCode: number; name: string; message: string };
    expect(badToBody).toMatchObject({ statusCode: 422, name: "validation_error" });
    expect(badToBody.message).toContain("`to[1]`");

    const noSubject = await post({ from: valid.from, to: valid.to, text: valid.text });
    expect(noSubject.status).toBe(422);
    expect(await noSubject.json()).toEqual({
      statusCode: 422,
      name: "missing_required_field",
      message: "Missing `subject` field.",
    });

    const badFrom = await post({ ...valid, from: "Daybook" });
    expect(((await badFrom.json()) as { message: string }).message).toContain("`from`");
    expect((await post("not json")).status).toBe(422);
    expect(await outbox()).toEqual([]);
  });

  it("the mailer reports a 422 as MailRejectedError with the provider's message", async () => {
    const error = await deps.mailer!.send(notice({ to: "nobody" })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MailRejectedError);
    expect((error as Error).message).toContain("Invalid `to[0]` field");
  });

  it("refuses an Idempotency-Key longer than 256 characters", async () => {
    const response = await post(valid, { "Idempotency-Key": "k".repeat(257) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ name: "invalid_idempotency_key" });
  });
});

describe("fault orders for target mail", () => {
  async function order(fault: "500" | "429", count = 1) {
    const response = await app.request(`${POS_ORIGIN}/sandbox/faults`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ target: "mail", fault, count, delayMs: 5_000 }),
    });
    expect(response.status).toBe(201);
  }

  it("answers 500 as ordered: MailUnavailableError, nothing stored; the next send goes through", async () => {
    await order("500");
    const error = await deps.mailer!.send(notice()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MailUnavailableError);
    expect((error as Error).message).toContain("500 application_error");
    expect(await outbox()).toEqual([]);
    await deps.mailer!.send(notice());
    expect(await outbox()).toHaveLength(1);
  });

  it("answers 429 with Retry-After as ordered", async () => {
    await order("429");
    const error = await deps.mailer!.send(notice()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MailUnavailableError);
    expect((error as MailUnavailableError).retryAfterSeconds).toBe(5);
  });
});

describe("the outbox page", () => {
  it("lists the emails newest first, everything escaped, the text in a <pre>", async () => {
    await deps.mailer!.send(
      notice({
        subject: "<script>alert(1)</script> finished",
        text: 'Line one\n<img src=x onerror="alert(2)">',
        idempotencyKey: "a",
      }),
    );
    clock.advance(1_000);
    await deps.mailer!.send(notice({ subject: "Second & last", idempotencyKey: "b" }));
    const response = await app.request(`${POS_ORIGIN}/sandbox/mail/outbox`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const page = await response.text();
    expect(page).toContain("<title>Sandbox outbox</title>");
    expect(page).not.toContain("<script>alert(1)</script>");
    expect(page).not.toContain("<img src=x");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt; finished");
    expect(page).toContain("<pre>Line one\n&lt;img src=x onerror=&quot;alert(2)&quot;&gt;</pre>");
    expect(page).toContain("2026-11-20 15:00:00 UTC");
    expect(page).toContain("owner@demo-coffee.test");
    expect(page.indexOf("Second &amp; last")).toBeLessThan(page.indexOf("&lt;script&gt;"));
  });

  it("says when nothing was received, and the back office links to it", async () => {
    expect(await (await app.request(`${POS_ORIGIN}/sandbox/mail/outbox`)).text()).toContain("None yet.");
    const backOffice = await app.request(`${POS_ORIGIN}/sandbox/pos/backoffice`);
    expect(await backOffice.text()).toContain('href="/sandbox/mail/outbox"');
  });

  it("is not mounted when no email provider is configured", async () => {
    const withoutMail = { ...deps, env: { ...testEnv(), mail: undefined } };
    const bare = createApp(withoutMail, { sandbox: createSandbox(withoutMail) });
    expect((await bare.request(`${POS_ORIGIN}/sandbox/mail/outbox`)).status).toBe(404);
  });
});
