// Reload / Regenerate / Post from the Accounting tab, and the posting queue, end to end against the
// sandbox POS and the sandbox QuickBooks: install -> connect -> map -> nightly -> due -> posted.
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accounts, documents, mappings, storeDays, stores } from "../../../server/db/schema";
import type { LedgerChart } from "../../../server/ledger/port";
import { runNightly } from "../../../server/services/nightly";
import { sendDuePosts } from "../../../server/services/postDue";
import type { Mapping } from "../../../shared/schemas/mapping";
import { createFullStack, type FullStack } from "../../support/fullStack";
import { mappingForChart } from "../../support/ledgerMapping";

const INSTALLED = Date.parse("2026-11-20T15:00:00Z");
const NEXT_MORNING = Date.parse("2026-11-21T15:00:00Z");
let stack: FullStack;
let accountId: string;
let storeId: string;
let chart: LedgerChart;

beforeEach(async () => {
  stack = await createFullStack(INSTALLED);
  await stack.install();
  accountId = (await stack.db.select().from(accounts))[0]!.id;
  storeId = (await stack.db.select().from(stores).where(eq(stores.posShopId, "1")))[0]!.id;
  await stack.connectLedger("qbo", await stack.sessionToken("1001", "1"), "9341450000001001");
  chart = ((await (await act("GET", "/api/ledger/chart")).json()) as { chart: LedgerChart }).chart;
  stack.clock.set(NEXT_MORNING);
});
afterEach(() => stack.close());

async function act(method: string, path: string, employee = "1") {
  const token = await stack.sessionToken("1001", employee);
  return stack.request(path, { method, headers: { authorization: `Bearer ${token}` } });
}
const dayAction = (action: string, date = "2026-11-20", employee = "1") =>
  act("POST", `/api/days/${storeId}/${date}/${action}`, employee);

async function activate(mapping: Mapping, version = 1) {
  await stack.db.update(mappings).set({ status: "archived" }).where(eq(mappings.accountId, accountId));
  await stack.db.insert(mappings).values({
    id: `m${version}`,
    accountId,
    version,
    status: "active",
    body: mapping,
    activatedAt: stack.clock.now(),
  });
}

async function day(date = "2026-11-20") {
  const [row] = await stack.db
    .select()
    .from(storeDays)
    .where(and(eq(storeDays.storeId, storeId), eq(storeDays.salesDate, date)));
  return row;
}

describe("the day actions", () => {
  it("refuse with a reason and change nothing: no mapping, before the sync start, a future date, a cashier", async () => {
    const noMapping = await dayAction("reload");
    expect(noMapping.status).toBe(422);
    expect(await noMapping.json()).toMatchObject({ error: { code: "mapping_inactive" } });
    await activate(mappingForChart(chart));
    expect(await (await dayAction("reload", "2026-11-19")).json()).toMatchObject({
      error: { code: "before_sync_start" },
    });
    expect(await (await dayAction("post", "2026-12-25")).json()).toMatchObject({
      error: { code: "date_in_future" },
    });
    expect((await dayAction("post", "2026-11-20", "3")).status).toBe(403);
    expect(await (await dayAction("regenerate")).json()).toMatchObject({ error: { code: "no_data" } });
    expect((await dayAction("explode")).status).toBe(400);
    expect(await day()).toBeUndefined();
  });

  it("reload, then post now, then post again is refused as already posted", async () => {
    await activate(mappingForChart(chart));
    const reloaded = await dayAction("reload");
    expect(reloaded.status).toBe(200);
    expect(((await reloaded.json()) as { day: { status: string } }).day.status).toBe("queued");
    const posted = await dayAction("post");
    expect(posted.status).toBe(200);
    expect(((await posted.json()) as { day: { status: string } }).day.status).toBe("posted");
    const again = await dayAction("post");
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "already_posted" } });
  });

  it("regenerate moves a posted day only when the new mapping changes its output", async () => {
    const mapping = mappingForChart(chart);
    await activate(mapping);
    await dayAction("reload");
    await dayAction("post");
    const [journal] = await stack.db.select().from(documents).where(eq(documents.kind, "journal_entry"));

    // A mapping change that this day's documents do not use: nothing moves.
    const unused = chart.accounts.find((account) => account.active && /fees/i.test(account.name))!;
    await activate({ ...mapping, rounding: { account: unused.id } }, 2);
    const same = (await (await dayAction("regenerate")).json()) as {
      outcome: { changed: boolean };
      day: { status: string };
    };
    expect(same).toMatchObject({ outcome: { changed: false }, day: { status: "posted" } });

    // Every category to another sales account: the output changes, the posted day becomes `update`.
    const used = new Set(Object.values(mapping.sales.byCategory).map((target) => target.account));
    const other = chart.accounts.find((a) => a.active && /^income$/i.test(a.type) && !used.has(a.id))!;
    const byCategory = Object.fromEntries(
      Object.keys(mapping.sales.byCategory).map((id) => [id, { account: other.id }]),
    );
    await activate({ ...mapping, sales: { ...mapping.sales, byCategory } }, 3);
    const moved = (await (await dayAction("regenerate")).json()) as {
      outcome: { changed: boolean };
      day: { status: string };
    };
    expect(moved).toMatchObject({ outcome: { changed: true }, day: { status: "update" } });

    await dayAction("post");
    const [updated] = await stack.db.select().from(documents).where(eq(documents.kind, "journal_entry"));
    expect(updated?.ledgerId).toBe(journal?.ledgerId);
    expect((await day())?.status).toBe("posted");
  });

  it("a day held for an unmapped category is regenerated only once the mapping maps it", async () => {
    const mapping = mappingForChart(chart);
    const [category, ...others] = Object.keys(mapping.sales.byCategory);
    const partial = Object.fromEntries(others.map((id) => [id, mapping.sales.byCategory[id]!]));
    await activate({ ...mapping, sales: { ...mapping.sales, all: undefined, byCategory: partial } });
    const held = (await (await dayAction("reload")).json()) as { day: { status: string } };
    expect(held.day.status).toBe("hold");

    const refused = await dayAction("regenerate");
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("hold_unresolved");
    expect(body.error.message).toMatch(/fix the mapping before regenerating/);
    expect(category).toBeDefined();

    await activate(mapping, 2);
    const regenerated = (await (await dayAction("regenerate")).json()) as { day: { status: string } };
    expect(regenerated.day.status).toBe("queued");
  });

  it("the posting queue: nightly load, then posted once the posting delay has passed", async () => {
    await activate(mappingForChart(chart));
    await runNightly(stack.deps);
    await stack.drain();
    expect((await day())?.status).toBe("queued");
    stack.clock.advance(29 * 60_000);
    expect(await sendDuePosts(stack.deps)).toBe(0);
    stack.clock.advance(60_000);
    expect(await sendDuePosts(stack.deps)).toBe(3);
    expect(await sendDuePosts(stack.deps)).toBe(0);
    await stack.drain();
    const days = await stack.db.select().from(storeDays);
    expect(days.map((row) => row.status)).toEqual(["posted", "posted", "posted"]);
  });
});
