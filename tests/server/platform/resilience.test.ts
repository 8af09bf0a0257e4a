// The day's work under stress, end to end: a burst of voids, the POS refusing the connection, the
// ledger failing then recovering, and a process killed in the middle of a post.
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ledgerCredentials } from "../../../server/auth/ledgerTokens";
import {
  accounts,
  documents,
  executions,
  mappings,
  snapshots,
  storeDays,
  stores,
} from "../../../server/db/schema";
import { ledgerClientFor } from "../../../server/ledger/forAccount";
import type { LedgerChart, LedgerClient } from "../../../server/ledger/port";
import { runNightly } from "../../../server/services/nightly";
import { POSTING_LEASE_MS, postStoreDay } from "../../../server/services/postDay";
import { syncHealth } from "../../../server/services/syncHealth";
import type { PosDay } from "../../../shared/schemas/posDay";
import { createFullStack, type FullStack } from "../../support/fullStack";
import { mappingForChart } from "../../support/ledgerMapping";

const REALM = "9341450000001001";
let stack: FullStack;
let accountId: string;
let storeId: string;

beforeEach(async () => {
  stack = await createFullStack(Date.parse("2026-11-20T15:00:00Z"));
  await stack.install();
  accountId = (await stack.db.select().from(accounts))[0]!.id;
  storeId = (await stack.db.select().from(stores).where(eq(stores.posShopId, "1")))[0]!.id;
  const token = await stack.sessionToken("1001", "1");
  await stack.connectLedger("qbo", token, REALM);
  const chart = (await (
    await stack.request("/api/ledger/chart", { headers: { authorization: `Bearer ${token}` } })
  ).json()) as { chart: LedgerChart };
  await stack.db.insert(mappings).values({
    id: "m1",
    accountId,
    version: 1,
    status: "active",
    body: mappingForChart(chart.chart),
    activatedAt: 0,
  });
  stack.clock.set(Date.parse("2026-11-21T15:00:00Z"));
  await runNightly(stack.deps);
  await stack.drain();
});
afterEach(() => stack.close());

async function day() {
  const [row] = await stack.db
    .select()
    .from(storeDays)
    .where(and(eq(storeDays.storeId, storeId), eq(storeDays.salesDate, "2026-11-20")));
  return row!;
}

const post = (client = (id: string) => ledgerClientFor(stack.deps, id)) =>
  postStoreDay(stack.deps, client, { accountId, storeId, salesDate: "2026-11-20", trigger: "user" });

/** The day's documents: on the journal entry method each is one QuickBooks JournalEntry. */
async function documentsOfDay(): Promise<number> {
  const rows = await stack.db
    .select()
    .from(documents)
    .where(eq(documents.storeDayId, (await day()).id));
  expect(rows.length).toBeGreaterThan(1);
  return rows.length;
}

/** The company's journal entries in the sandbox QuickBooks, as QuickBooks itself lists them. */
async function journalEntriesInLedger(): Promise<number> {
  const token = await ledgerCredentials(stack.deps, accountId, "qbo").accessToken();
  const query = encodeURIComponent("select * from JournalEntry");
  const response = await stack.request(
    `${stack.env.ledgers.qbo!.apiUrl}/company/${REALM}/query?query=${query}`,
    {
      headers: { authorization: `Bearer ${token}`, accept: "application/json" },
    },
  );
  const body = (await response.json()) as { QueryResponse: { JournalEntry?: unknown[] } };
  return body.QueryResponse.JournalEntry?.length ?? 0;
}

describe("resilience", () => {
  it("a burst of 50 voids on one day causes one reload", async () => {
    const before = await day();
    const [snapshot] = await stack.db.select().from(snapshots).where(eq(snapshots.id, before.snapshotId!));
    const sales = (snapshot!.body as PosDay).sales.filter((sale) => !sale.voided);
    const burst = sales.slice(0, Math.min(50, sales.length));
    expect(burst.length).toBeGreaterThan(20);
    for (const sale of burst)
      await stack.request(`${stack.env.posOrigin}/sandbox/pos/backoffice/void`, {
        method: "POST",
        body: new URLSearchParams({ account: "1001", saleID: sale.id }),
      });
    await stack.drain();
    await stack.drain(60);
    const reloads = await stack.db.select().from(executions).where(eq(executions.action, "reload"));
    expect(reloads).toHaveLength(1);
    const after = await day();
    const [fresh] = await stack.db.select().from(snapshots).where(eq(snapshots.id, after.snapshotId!));
    expect((fresh!.body as PosDay).sales.filter((sale) => sale.voided).length).toBeGreaterThanOrEqual(
      burst.length,
    );
  });

  it("a POS that refuses the connection makes health say so, and the load does not loop", async () => {
    await stack.request(`${stack.env.posOrigin}/sandbox/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ target: "pos", fault: "401", count: 50 }),
    });
    await stack.deps.queue.send({
      type: "day.load",
      accountId,
      storeId,
      salesDate: "2026-11-20",
      trigger: "user",
      reload: true,
    });
    expect(await stack.drain(3600)).toBe(1);
    const health = await syncHealth(stack.db, accountId, stack.clock.now());
    expect(health.enabled).toBe(false);
    expect(health.reasons).toContain("pos_reconnect_required");
    expect((await day()).status).toBe("queued"); // the loaded data is kept; nothing was lost
  });

  it("a ledger failing with 500 then recovering posts the day once", async () => {
    await stack.request(`${stack.env.posOrigin}/sandbox/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ target: "qbo", fault: "500", count: 2 }),
    });
    expect(await post()).toMatchObject({ posted: true });
    expect((await day()).status).toBe("posted");
    expect(await journalEntriesInLedger()).toBe(await documentsOfDay());
  });

  it("a process killed in the middle of a post: after a restart the day is posted, with no duplicate", async () => {
    // The first process sends the journal entry; the ledger takes it; the process dies before recording.
    const hanging = (id: string): Promise<LedgerClient> =>
      ledgerClientFor(stack.deps, id).then((client) => ({
        ...client,
        post: async (request) => {
          await client.post(request);
          return new Promise(() => undefined);
        },
      }));
    void post(hanging);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await day()).status).toBe("posting");
    expect(await journalEntriesInLedger()).toBe(1);

    // Restarted: the day is still claimed by the dead run until its lease ends, then taken over.
    expect(await post()).toMatchObject({ posted: false, status: "posting" });
    stack.clock.advance(POSTING_LEASE_MS + 1000);
    expect(await post()).toMatchObject({ posted: true });
    expect((await day()).status).toBe("posted");
    expect(await journalEntriesInLedger()).toBe(await documentsOfDay());
  });
});
