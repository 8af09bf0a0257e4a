// Posting end to end, on each ledger: connect it from the app, map the sandbox POS to its chart, load
// a day from the sandbox POS, post it; change the day and post again (the same ledger object, updated);
// a crash between the ledger's answer and our record; the ledger refusing the token.
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  accounts,
  connections,
  documents,
  mappings,
  snapshots,
  storeDays,
  stores,
} from "../../../server/db/schema";
import { ledgerClientFor } from "../../../server/ledger/forAccount";
import type { LedgerChart } from "../../../server/ledger/port";
import { runNightly } from "../../../server/services/nightly";
import { idempotencyKeyOf, postStoreDay } from "../../../server/services/postDay";
import type { AccountingDocument } from "../../../shared/engine/types";
import type { PosDay } from "../../../shared/schemas/posDay";
import { createFullStack, type FullStack } from "../../support/fullStack";
import { mappingForChart } from "../../support/ledgerMapping";

const LEDGERS = [
  { kind: "qbo" as const, company: "9341450000001001", name: "QuickBooks", companyName: "Demo Coffee Books" },
  {
    kind: "xero" as const,
    company: "3f8d2c1a-6b4e-4d7a-9f2e-1c5b8a7d6e01",
    name: "Xero",
    companyName: "Demo Coffee Ltd",
  },
];
const INSTALLED = Date.parse("2026-11-20T15:00:00Z");
const NEXT_MORNING = Date.parse("2026-11-21T15:00:00Z");

describe.each(LEDGERS)("posting to $name", ({ kind, company, name, companyName }) => {
  let stack: FullStack;
  let accountId: string;
  let superUser: string;

  beforeEach(async () => {
    stack = await createFullStack(INSTALLED);
    await stack.install();
    accountId = (await stack.db.select().from(accounts))[0]!.id;
    superUser = await stack.sessionToken("1001", "1");
    const connected = await stack.connectLedger(kind, superUser, company);
    const page = await connected.text();
    expect(page).toContain(`${name} is connected`);
    expect(page).toContain(companyName);
    const chart = await api<{ chart: LedgerChart }>("/api/ledger/chart");
    await stack.db.insert(mappings).values({
      id: "m1",
      accountId,
      version: 1,
      status: "active",
      body: mappingForChart(chart.chart),
      activatedAt: INSTALLED,
    });
    stack.clock.set(NEXT_MORNING);
    await runNightly(stack.deps);
    await stack.drain();
  });
  afterEach(() => stack.close());

  async function api<T>(path: string): Promise<T> {
    const token = await stack.sessionToken("1001", "1"); // session tokens live a minute
    const response = await stack.request(path, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }

  async function queenStreet() {
    const [store] = await stack.db.select().from(stores).where(eq(stores.posShopId, "1"));
    const [day] = await stack.db
      .select()
      .from(storeDays)
      .where(and(eq(storeDays.storeId, store!.id), eq(storeDays.salesDate, "2026-11-20")));
    return { store: store!, day: day! };
  }

  const post = async () => {
    const { store } = await queenStreet();
    return postStoreDay(stack.deps, (id) => ledgerClientFor(stack.deps, id), {
      accountId,
      storeId: store.id,
      salesDate: "2026-11-20",
      trigger: "user",
    });
  };

  async function documentsOf(storeDayId: string) {
    return stack.db.select().from(documents).where(eq(documents.storeDayId, storeDayId));
  }

  it("posts a loaded day once, and posting again sends nothing", async () => {
    const { day } = await queenStreet();
    expect(day.status).toBe("queued");
    expect(await post()).toMatchObject({ posted: true, unchanged: 0 });
    const { day: posted } = await queenStreet();
    expect(posted.status).toBe("posted");
    const docs = await documentsOf(day.id);
    expect(docs.length).toBeGreaterThan(0);
    expect(
      docs.every((doc) => doc.ledger === kind && doc.ledgerId && doc.postedFingerprint === doc.fingerprint),
    ).toBe(true);
    // Posted: nothing is claimable any more; a second run posts nothing.
    expect(await post()).toEqual({ posted: false, status: "posted" });
  });

  it("a void after posting updates the same ledger objects in place", async () => {
    await post();
    const { day } = await queenStreet();
    const before = await documentsOf(day.id);
    const [snapshot] = await stack.db.select().from(snapshots).where(eq(snapshots.id, day.snapshotId!));
    const sale = (snapshot!.body as PosDay).sales.find((candidate) => !candidate.voided)!;
    await stack.request(`${stack.env.posOrigin}/sandbox/pos/backoffice/void`, {
      method: "POST",
      body: new URLSearchParams({ account: "1001", saleID: sale.id }),
    });
    await stack.drain(); // the webhook: a reload waits out its coalescing delay
    await stack.drain(60);
    expect((await queenStreet()).day.status).toBe("update");

    expect(await post()).toMatchObject({ posted: true });
    const after = await documentsOf(day.id);
    const journal = (rows: typeof after) => rows.find((doc) => doc.kind === "journal_entry")!;
    expect(journal(after).ledgerId).toBe(journal(before).ledgerId);
    expect(journal(after).fingerprint).not.toBe(journal(before).fingerprint);
    expect((await queenStreet()).day.status).toBe("posted");
  });

  it("a crash between the ledger's answer and our record: the retry gets the same object back", async () => {
    const { store, day } = await queenStreet();
    const [journal] = await stack.db
      .select()
      .from(documents)
      .where(and(eq(documents.storeDayId, day.id), eq(documents.kind, "journal_entry")));
    // The ledger accepted this write, then the process died before recording its answer.
    const client = await ledgerClientFor(stack.deps, accountId);
    const lost = await client.post({
      document: journal!.body as AccountingDocument,
      idempotencyKey: idempotencyKeyOf(store.id, "2026-11-20", "journal_entry", journal!.fingerprint),
    });
    await post();
    const [recorded] = await stack.db.select().from(documents).where(eq(documents.id, journal!.id));
    expect(recorded?.ledgerId).toBe(lost.ledgerId);
  });

  it("a document the ledger refuses fails the day with the ledger's words and the mapped account", async () => {
    const { chart } = await api<{ chart: LedgerChart }>("/api/ledger/chart");
    const inactive = chart.accounts.find((account) => !account.active)!;
    const mapping = mappingForChart(chart);
    const byCategory = Object.fromEntries(
      Object.keys(mapping.sales.byCategory).map((id) => [id, { account: inactive.id }]),
    );
    await stack.db
      .update(mappings)
      .set({ body: { ...mapping, sales: { ...mapping.sales, byCategory } } })
      .where(eq(mappings.id, "m1"));
    const { store } = await queenStreet();
    await stack.deps.queue.send({
      type: "day.load",
      accountId,
      storeId: store.id,
      salesDate: "2026-11-20",
      trigger: "user",
      reload: true,
    });
    await stack.drain();
    expect(await post()).toMatchObject({ posted: false, status: "failed" });
    const { day } = await queenStreet();
    expect(day.status).toBe("failed");
    expect(day.lastError).toContain(inactive.id);
  });

  it("a ledger that refuses the token for good: the connection asks to reconnect, the day keeps waiting", async () => {
    await stack.request(`${stack.env.posOrigin}/sandbox/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ target: kind, fault: "401", count: 20 }),
    });
    expect(await post()).toMatchObject({ posted: false, status: "queued" });
    const [connection] = await stack.db
      .select()
      .from(connections)
      .where(and(eq(connections.accountId, accountId), eq(connections.kind, kind)));
    expect(connection?.status).toBe("reconnect_required");
    const { day } = await queenStreet();
    expect(day.status).toBe("queued");
    expect(day.lastError).toMatch(/^ledger_reconnect_required/);
  });

  it("a 401 once is answered by one refresh and the post goes on", async () => {
    await stack.request(`${stack.env.posOrigin}/sandbox/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ target: kind, fault: "401", count: 1 }),
    });
    expect(await post()).toMatchObject({ posted: true });
  });
});
