// Sync health on the whole product: what a fresh install lacks, what connecting a ledger and
// activating the mapping change, connections that need reconnecting, and the store-days that need
// someone, counted for the account asking only.
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accounts, connections, mappings, storeDays, stores } from "../../../server/db/schema";
import { markReconnectRequired, purgeConnectionTokens } from "../../../server/repos/connections";
import { DEMO_COFFEE, MAPLE_BAKERY } from "../../../server/sandbox/pos/roster";
import { PROBLEM_LIST_LIMIT, syncHealth } from "../../../server/services/syncHealth";
import { addDays } from "../../../shared/time";
import { createFullStack, type FullStack } from "../../support/fullStack";
import { sandboxMapping } from "../../support/sandboxMapping";

const INSTALLED = Date.parse("2026-11-20T15:00:00Z");
const QBO_COMPANY = "9341450000001001";
const XERO_COMPANY = "3f8d2c1a-6b4e-4d7a-9f2e-1c5b8a7d6e01";

let stack: FullStack;
let demo: string;
let maple: string;

beforeEach(async () => {
  stack = await createFullStack(INSTALLED);
  await stack.install(DEMO_COFFEE.accountID);
  await stack.install(MAPLE_BAKERY.accountID);
  const idOf = async (posAccountId: string) =>
    (await stack.db.select().from(accounts).where(eq(accounts.posAccountId, posAccountId)))[0]!.id;
  demo = await idOf(DEMO_COFFEE.accountID);
  maple = await idOf(MAPLE_BAKERY.accountID);
});
afterEach(() => stack.close());

const healthOf = (accountId: string) => syncHealth(stack.db, accountId, stack.clock.now());

async function connectQbo() {
  const response = await stack.connectLedger(
    "qbo",
    await stack.sessionToken(DEMO_COFFEE.accountID, "1"),
    QBO_COMPANY,
  );
  expect(await response.text()).toContain("QuickBooks is connected");
}

async function activateMapping(accountId: string, status: "draft" | "active" = "active") {
  await stack.db.insert(mappings).values({
    id: `m-${accountId}-${status}`,
    accountId,
    version: status === "active" ? 1 : 2,
    status,
    body: sandboxMapping(),
  });
}

describe("sync health", () => {
  it("after a fresh install: the POS is connected, the ledger and the mapping are missing", async () => {
    await activateMapping(demo, "draft");
    const health = await healthOf(demo);
    expect(health).toMatchObject({
      enabled: false,
      reasons: ["ledger_not_connected", "mapping_inactive"],
      pos: { kind: "pos", status: "connected", lastError: null },
      ledger: null,
      mappingActive: false,
      lastExecution: { action: "install", trigger: "install", status: "succeeded", error: null },
      problems: { since: "2026-09-21", counts: { failed: 0, hold: 0, out_of_balance: 0 }, days: [] },
      reconnectRequired: [],
    });
  });

  it("is enabled once a ledger company is connected and the mapping is active", async () => {
    await connectQbo();
    expect(await healthOf(demo)).toMatchObject({ enabled: false, reasons: ["mapping_inactive"] });
    await activateMapping(demo);
    const health = await healthOf(demo);
    expect(health).toMatchObject({
      enabled: true,
      reasons: [],
      ledger: { kind: "qbo", status: "connected", companyId: QBO_COMPANY, lastError: null },
      mappingActive: true,
      // Connecting finished after the install in the same millisecond: it is the latest.
      lastExecution: { action: "connect", trigger: "user", status: "succeeded", startedAt: INSTALLED },
    });
    // Another account's ledger and mapping enable nothing for Maple Bakery.
    expect(await healthOf(maple)).toMatchObject({
      enabled: false,
      reasons: ["ledger_not_connected", "mapping_inactive"],
      ledger: null,
      lastExecution: { action: "install" },
    });
  });

  it("never returns a connection's tokens", async () => {
    await connectQbo();
    const sealed = await stack.sealedTokens();
    const text = JSON.stringify(await healthOf(demo));
    for (const row of sealed) {
      expect(text).not.toContain(row.accessToken!);
      expect(text).not.toContain(row.refreshToken!);
    }
  });

  it("names the ledger switched to, not the one left disconnected", async () => {
    await activateMapping(demo);
    await connectQbo();
    const token = await stack.sessionToken(DEMO_COFFEE.accountID, "1");
    expect(await (await stack.connectLedger("xero", token, XERO_COMPANY)).text()).toContain(
      "Xero is connected",
    );
    expect(await healthOf(demo)).toMatchObject({
      enabled: true,
      ledger: { kind: "xero", status: "connected", companyId: XERO_COMPANY },
    });
  });

  it("is not enabled while the POS must be reconnected, and lists the connection", async () => {
    await connectQbo();
    await activateMapping(demo);
    await markReconnectRequired(stack.db, demo, "pos", "The POS refused the token (401)", stack.clock.now());
    const health = await healthOf(demo);
    expect(health).toMatchObject({
      enabled: false,
      reasons: ["pos_reconnect_required"],
      pos: { kind: "pos", status: "reconnect_required", lastError: "The POS refused the token (401)" },
    });
    expect(health.reconnectRequired).toEqual([
      {
        kind: "pos",
        status: "reconnect_required",
        lastError: "The POS refused the token (401)",
        companyId: null,
      },
    ]);
    expect((await healthOf(maple)).reasons).not.toContain("pos_reconnect_required");
  });

  it("says which ledger piece is missing: a reconnect, a company, a connection", async () => {
    await connectQbo();
    await activateMapping(demo);
    const now = stack.clock.now();
    await markReconnectRequired(stack.db, demo, "qbo", "QuickBooks refused the token (401)", now);
    const health = await healthOf(demo);
    expect(health.reasons).toEqual(["ledger_reconnect_required"]);
    expect(health.reconnectRequired.map((link) => link.kind)).toEqual(["qbo"]);

    await stack.db
      .update(connections)
      .set({ status: "connected", externalId: null })
      .where(and(eq(connections.accountId, demo), eq(connections.kind, "qbo")));
    expect((await healthOf(demo)).reasons).toEqual(["ledger_not_connected"]);

    await purgeConnectionTokens(stack.db, demo, now);
    expect((await healthOf(demo)).reasons).toEqual(["pos_not_connected", "ledger_not_connected"]);
  });

  it("counts and lists the last 60 days in failed, hold or out of balance, of this account only", async () => {
    const storeOf = async (accountId: string) =>
      (await stack.db.select().from(stores).where(eq(stores.accountId, accountId)).orderBy(stores.name))[0]!;
    const demoStore = await storeOf(demo);
    const mapleStore = await storeOf(maple);
    const day = (
      store: typeof demoStore,
      salesDate: string,
      status: "failed" | "hold" | "out_of_balance" | "posted",
      lastError: string | null = null,
    ) => ({
      id: `${store.id}-${salesDate}`,
      accountId: store.accountId,
      storeId: store.id,
      salesDate,
      status,
      lastError,
    });
    await stack.db.insert(storeDays).values([
      day(demoStore, "2026-11-19", "failed", "QuickBooks refused the entry"),
      day(demoStore, "2026-11-18", "hold", "mapping_inactive"),
      day(demoStore, "2026-11-17", "out_of_balance"),
      day(demoStore, "2026-11-16", "posted"),
      day(demoStore, "2026-09-20", "failed"), // 61 days before 2026-11-20: too old to matter
      day(mapleStore, "2026-11-19", "failed"),
      day(mapleStore, "2026-11-18", "hold"),
    ]);
    const health = await healthOf(demo);
    expect(health.problems).toEqual({
      since: "2026-09-21",
      counts: { failed: 1, hold: 1, out_of_balance: 1 },
      days: [
        {
          storeId: demoStore.id,
          storeName: demoStore.name,
          salesDate: "2026-11-19",
          status: "failed",
          lastError: "QuickBooks refused the entry",
        },
        {
          storeId: demoStore.id,
          storeName: demoStore.name,
          salesDate: "2026-11-18",
          status: "hold",
          lastError: "mapping_inactive",
        },
        {
          storeId: demoStore.id,
          storeName: demoStore.name,
          salesDate: "2026-11-17",
          status: "out_of_balance",
          lastError: null,
        },
      ],
    });
    expect((await healthOf(maple)).problems.counts).toEqual({ failed: 1, hold: 1, out_of_balance: 0 });
  });

  it("keeps the list short and the counts whole", async () => {
    const [store] = await stack.db.select().from(stores).where(eq(stores.accountId, demo));
    const held = Array.from({ length: PROBLEM_LIST_LIMIT + 5 }, (_, i) => addDays("2026-11-19", -i));
    await stack.db.insert(storeDays).values(
      held.map((salesDate) => ({
        id: salesDate,
        accountId: demo,
        storeId: store!.id,
        salesDate,
        status: "hold" as const,
      })),
    );
    const { problems } = await healthOf(demo);
    expect(problems.counts.hold).toBe(held.length);
    expect(problems.days.map((entry) => entry.salesDate)).toEqual(held.slice(0, PROBLEM_LIST_LIMIT));
  });
});
