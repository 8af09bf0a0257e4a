// The whole product in one process, as `npm start` assembles it: Daybook's app with the sandbox
// platform mounted, every outbound request (the POS API, OAuth, webhooks to the app) routed into
// that same app, a real migrated database, the database queue drained by the test, a manual clock.
import type { Hono } from "hono";
import { createApp } from "../../server/app";
import { connections } from "../../server/db/schema";
import type { Deps } from "../../server/deps";
import { createDbConsumer, createDbQueue, type DbQueue } from "../../server/queue/dbQueue";
import { createSandbox } from "../../server/sandbox/index";
import { createSandboxFaults } from "../../server/sandbox/faults";
import { DEMO_COFFEE } from "../../server/sandbox/pos/roster";
import { createWebhookSender } from "../../server/sandbox/pos/webhookSender";
import { databaseInbox } from "../../server/webhooks/dbInbox";
import { workHandler } from "../../server/work";
import { mailerFor } from "../../server/mail/http";
import { answerConsent, manualClock, POS_ORIGIN, testEnv } from "./installPlatform";
import { createTestDatabase } from "./database";

export type FullStack = Awaited<ReturnType<typeof createFullStack>>;

export async function createFullStack(start = Date.parse("2026-11-20T15:00:00Z")) {
  const database = await createTestDatabase();
  const { db } = database;
  const clock = manualClock(start);
  // The sandbox's email provider takes the completion emails; its outbox is /sandbox/mail/outbox.json.
  const env = testEnv({
    mail: {
      apiUrl: `${POS_ORIGIN}/sandbox/mail`,
      apiKey: "test-mail-key",
      from: "Daybook <jobs@daybook.test>",
    },
  });
  const queue: DbQueue = createDbQueue({ db, clock: clock.clock });
  let app: Hono | undefined;
  const fetchIntoApp: typeof fetch = async (input, init) => {
    if (!app) throw new Error("the app is not assembled yet");
    return app.fetch(new Request(input, init));
  };
  const deps: Deps = {
    env,
    db,
    queue,
    clock: clock.clock,
    fetch: fetchIntoApp,
    mailer: mailerFor(env, fetchIntoApp),
  };
  const sender = createWebhookSender({
    fetch: fetchIntoApp,
    clock: clock.clock,
    clientSecret: env.posClientSecret,
  });
  const faults = createSandboxFaults();
  app = createApp(deps, {
    sandbox: createSandbox(deps, { sender, faults, dripRate: 1000 }),
    webhookInbox: databaseInbox(db, queue),
  });
  const consumer = createDbConsumer({ db, clock: clock.clock, handler: workHandler(deps) });
  const request = (path: string, init?: RequestInit) => app!.request(path, init);

  /** Installs Daybook for a sandbox merchant through the real OAuth dance; returns the final redirect. */
  async function install(merchant = DEMO_COFFEE.accountID): Promise<Response> {
    const begin = await request(`${env.appUrl}/install?account=${merchant}`);
    const cookie = (begin.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const approved = await answerConsent(app!, begin.headers.get("location") ?? "", "approve", merchant);
    return request(approved.headers.get("location") ?? "", { headers: { cookie } });
  }

  /** A session token the sandbox POS would hand its iframe for this employee. */
  async function sessionToken(accountId: string, employeeId: string, alg: "HS256" | "RS256" = "HS256") {
    const response = await request(`${env.posOrigin}/sandbox/pos/session-token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ accountId, employeeId, alg }),
    });
    return ((await response.json()) as { token: string }).token;
  }

  /** Calls the API as a sandbox employee (Demo Coffee's super user by default), JSON in and out. */
  async function api(method: string, path: string, body?: unknown, employee = "1", merchant = "1001") {
    const token = await sessionToken(merchant, employee);
    return request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  }

  /** Connects a ledger the way the Accounting tab does: its top-level window, the ledger's consent, the callback. */
  async function connectLedger(kind: "qbo" | "xero", token: string, company: string): Promise<Response> {
    const begin = await request(`${env.appUrl}/connect/${kind}?id_token=${token}`);
    const cookie = (begin.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const consent = new URL(begin.headers.get("location") ?? "");
    const form = new URLSearchParams(consent.searchParams);
    form.set("decision", "approve");
    form.set(kind === "qbo" ? "realmId" : "tenantId", company);
    const approved = await request(consent.toString(), { method: "POST", body: form });
    return request(approved.headers.get("location") ?? "", { headers: { cookie } });
  }

  /** Runs the queue until nothing is visible, moving the clock past delays when `advanceSeconds` is given. */
  async function drain(advanceSeconds = 0): Promise<number> {
    await sender.idle();
    clock.advance(advanceSeconds * 1000);
    let handled = 0;
    for (;;) {
      const n = await consumer.drain();
      await sender.idle();
      if (n === 0) return handled;
      handled += n;
    }
  }

  return {
    app: app!,
    db,
    env,
    clock,
    deps,
    sender,
    faults,
    request,
    install,
    sessionToken,
    api,
    connectLedger,
    drain,
    sealedTokens: () => db.select().from(connections),
    close: () => database.close(),
  };
}
