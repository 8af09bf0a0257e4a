// The mapping API end to end against the sandbox POS and the sandbox QuickBooks: drafts and versions,
// advice against the chart, activation (refused on receivables; held days released; an offer to
// regenerate), the preview equal to what generation then produces, and Regenerate over a range.
import { and, asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ActivationResult, MappingPreview, MappingState } from "../../../shared/api";
import type { AccountingDocument } from "../../../shared/engine/types";
import type { Mapping } from "../../../shared/schemas/mapping";
import {
  accounts,
  documents,
  executions,
  mappings,
  queueMessages,
  storeDays,
  stores,
} from "../../../server/db/schema";
import type { LedgerChart } from "../../../server/ledger/port";
import { runNightly } from "../../../server/services/nightly";
import { sendDuePosts } from "../../../server/services/postDue";
import { regenerateStoreDay } from "../../../server/services/regenerateDay";
import { createFullStack, type FullStack } from "../../support/fullStack";
import { mappingForChart } from "../../support/ledgerMapping";

const INSTALLED = Date.parse("2026-11-20T15:00:00Z");
const morningAfter = (date: string) => Date.parse(`${date}T15:00:00Z`) + 86_400_000;
const AR_ACCOUNT = "3";
const BANK_ACCOUNT = "1";
const SALES_OTHER = "23";

let stack: FullStack;
let accountId: string;
let chart: LedgerChart;

beforeEach(async () => {
  stack = await createFullStack(INSTALLED);
  await stack.install();
  accountId = (await stack.db.select().from(accounts))[0]!.id;
  await stack.connectLedger("qbo", await stack.sessionToken("1001", "1"), "9341450000001001");
  chart = ((await (await call("GET", "/api/ledger/chart")).json()) as { chart: LedgerChart }).chart;
});
afterEach(() => stack.close());

async function call(method: string, path: string, body?: unknown, employee = "1") {
  const token = await stack.sessionToken("1001", employee);
  return stack.request(path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined && { "content-type": "application/json" }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}
const json = async <T>(response: Response | Promise<Response>) => (await (await response).json()) as T;
const state = () => json<MappingState>(call("GET", "/api/mapping"));

/** The nightly pass of each morning after these dates, with the loads it queues. */
async function loadNights(...dates: string[]) {
  for (const date of dates) {
    stack.clock.set(morningAfter(date));
    await runNightly(stack.deps);
    await stack.drain();
  }
}

const allDays = () =>
  stack.db.select().from(storeDays).orderBy(asc(storeDays.salesDate), asc(storeDays.storeId));

/** The sandbox mapping on this chart, as JSON carries it. */
const mapped = (): Mapping => JSON.parse(JSON.stringify(mappingForChart(chart)));

/** Every category's sales to one account. */
function salesTo(mapping: Mapping, account: string): Mapping {
  const byCategory = Object.fromEntries(Object.keys(mapping.sales.byCategory).map((id) => [id, { account }]));
  return { ...mapping, sales: { ...mapping.sales, byCategory } };
}

describe("drafts and versions", () => {
  it("refuses an invalid mapping naming the field, and changes nothing", async () => {
    const mapping = mapped();
    const [category] = Object.keys(mapping.sales.byCategory);
    const bad = { ...mapping, sales: { ...mapping.sales, byCategory: { [category!]: { account: "" } } } };
    const response = await call("PUT", "/api/mapping/draft", bad);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: "invalid_request", field: `sales.byCategory.${category}.account` },
    });
    for (const [body, field] of [
      [{}, "version"],
      [{ ...mapping, settings: { ...mapping.settings, tolerance: "-1.00" } }, "settings.tolerance"],
      [
        { ...mapping, cashDrawer: { ...mapping.cashDrawer, deposit: { account: "1", item: "2" } } },
        "cashDrawer.deposit",
      ],
    ] as const) {
      const refused = await call("PUT", "/api/mapping/draft", body);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ error: { field } });
    }
    expect(await stack.db.select().from(mappings)).toEqual([]);
    expect(await state()).toEqual({ active: null, draft: null, versions: [], advice: [] });
  });

  it("a draft is saved in place, activated, and a new draft's activation archives the previous version", async () => {
    const mapping = mapped();
    const first = await json<MappingState>(call("PUT", "/api/mapping/draft", salesTo(mapping, SALES_OTHER)));
    expect(first.draft).toMatchObject({ version: 1, status: "draft", activatedAt: null });
    expect(first.draft?.createdBy).toEqual(expect.any(String));
    const edited = await json<MappingState>(call("PUT", "/api/mapping/draft", mapping, "2"));
    expect(edited.draft).toMatchObject({ version: 1, mapping });
    expect(edited.versions).toHaveLength(1);

    stack.clock.advance(60_000);
    const activated = await json<ActivationResult>(call("POST", "/api/mapping/activate"));
    expect(activated).toEqual({
      active: {
        version: 1,
        status: "active",
        createdAt: INSTALLED,
        activatedAt: stack.clock.now(),
        createdBy: first.draft!.createdBy,
      },
      regenerate: null,
    });
    const again = await call("POST", "/api/mapping/activate");
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "no_draft" } });

    await call("PUT", "/api/mapping/draft", salesTo(mapping, SALES_OTHER));
    const both = await state();
    expect(both.active).toMatchObject({ version: 1, status: "active", mapping });
    expect(both.draft).toMatchObject({ version: 2, status: "draft" });
    expect(both.versions.map((v) => [v.version, v.status])).toEqual([
      [2, "draft"],
      [1, "active"],
    ]);

    await call("POST", "/api/mapping/activate");
    const after = await state();
    expect(after.active).toMatchObject({ version: 2 });
    expect(after.draft).toBeNull();
    expect(after.versions.map((v) => [v.version, v.status])).toEqual([
      [2, "active"],
      [1, "archived"],
    ]);
    expect(await json(call("GET", "/api/mapping/versions/1"))).toMatchObject({
      version: 1,
      status: "archived",
      mapping,
    });
    expect((await call("GET", "/api/mapping/versions/9")).status).toBe(404);
    expect(await json(call("GET", "/api/mapping/versions/first"))).toMatchObject({
      error: { field: "version" },
    });
    const log = await stack.db.select().from(executions).where(eq(executions.action, "mapping.activate"));
    expect(log).toHaveLength(2);
  });

  it("a cashier reads the mapping but may not change it, activate it or regenerate", async () => {
    const mapping = mapped();
    await call("PUT", "/api/mapping/draft", mapping);
    expect((await call("GET", "/api/mapping", undefined, "3")).status).toBe(200);
    expect((await call("PUT", "/api/mapping/draft", mapping, "3")).status).toBe(403);
    expect((await call("POST", "/api/mapping/activate", undefined, "3")).status).toBe(403);
    const regenerate = await call(
      "POST",
      "/api/days/regenerate",
      { from: "2026-11-20", to: "2026-11-21" },
      "3",
    );
    expect(regenerate.status).toBe(403);
    expect((await state()).active).toBeNull();
  });
});

describe("advice", () => {
  it("refuses to activate a receivable target, naming its path; a type not recommended is only a warning", async () => {
    const mapping = mapped();
    const [category] = Object.keys(mapping.sales.byCategory);
    const receivable = {
      ...mapping,
      sales: {
        ...mapping.sales,
        byCategory: { ...mapping.sales.byCategory, [category!]: { account: AR_ACCOUNT } },
      },
      otherCharges: { ...mapping.otherCharges, tips: { account: BANK_ACCOUNT } },
    };
    const saved = await json<MappingState>(call("PUT", "/api/mapping/draft", receivable));
    expect(saved.advice).toEqual([
      {
        path: `sales.byCategory.${category}`,
        severity: "error",
        code: "accounts_receivable",
        accountType: "Accounts Receivable",
      },
      {
        path: "otherCharges.tips",
        severity: "warning",
        code: "not_recommended_type",
        accountType: "Bank",
        recommended: ["Other Current Liability", "Long Term Liability"],
      },
    ]);
    const refused = await call("POST", "/api/mapping/activate", undefined, "2");
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      error: { code: "mapping_refused", field: `sales.byCategory.${category}` },
    });
    expect((await state()).active).toBeNull();

    const { otherCharges } = receivable;
    await call("PUT", "/api/mapping/draft", { ...mapping, otherCharges });
    const activated = await call("POST", "/api/mapping/activate", undefined, "2");
    expect(activated.status).toBe(200);
    const active = await state();
    expect(active.active?.version).toBe(1);
    expect(active.advice).toEqual([saved.advice[1]]);
  });
});

describe("activation", () => {
  it("regenerates the days held for want of an active mapping, from their snapshot when it has what the mapping books", async () => {
    await loadNights("2026-11-20");
    expect((await allDays()).map((d) => [d.status, d.lastError])).toEqual(
      Array(3).fill(["hold", "mapping_inactive"]),
    );
    const salesOnly = { ...mapped(), purchaseOrders: undefined };
    salesOnly.settings = { ...salesOnly.settings, bookInventoryCogs: false };
    await call("PUT", "/api/mapping/draft", salesOnly);
    const result = await json<ActivationResult>(call("POST", "/api/mapping/activate"));
    expect(result.regenerate).toBeNull();
    expect((await allDays()).map((d) => [d.status, d.mappingVersion])).toEqual(Array(3).fill(["queued", 1]));
    const runs = await stack.db.select().from(executions).where(eq(executions.action, "regenerate"));
    expect(runs.map((run) => run.trigger)).toEqual(["user", "user", "user"]);
  });

  it("reloads a held day whose snapshot lacks the inventory costs and purchase orders the mapping books", async () => {
    await loadNights("2026-11-20");
    await call("PUT", "/api/mapping/draft", mapped());
    const result = await json<ActivationResult>(call("POST", "/api/mapping/activate"));
    expect(result.regenerate).toBeNull();
    const queued = await stack.db.select().from(queueMessages);
    expect(queued.map((m) => JSON.parse(m.body).type)).toEqual(["day.load", "day.load", "day.load"]);
    await stack.drain();
    expect((await allDays()).map((d) => d.status)).toEqual(["queued", "queued", "queued"]);
    expect(await stack.db.select().from(documents).where(eq(documents.kind, "cogs"))).toHaveLength(3);
  });

  it("leaves loaded days as they are and offers to regenerate those the new mapping changes", async () => {
    const mapping = mapped();
    await call("PUT", "/api/mapping/draft", mapping);
    await call("POST", "/api/mapping/activate");
    await loadNights("2026-11-20", "2026-11-21", "2026-11-22");
    const before = await allDays();
    expect(before.map((d) => d.status)).toEqual(Array(9).fill("queued"));

    // The same mapping again changes nothing: no offer.
    await call("PUT", "/api/mapping/draft", mapping);
    expect((await json<ActivationResult>(call("POST", "/api/mapping/activate"))).regenerate).toBeNull();

    await call("PUT", "/api/mapping/draft", salesTo(mapping, SALES_OTHER));
    const result = await json<ActivationResult>(call("POST", "/api/mapping/activate"));
    expect(result).toMatchObject({
      active: { version: 3 },
      regenerate: { from: "2026-11-20", to: "2026-11-22", days: 9 },
    });
    expect(await allDays()).toEqual(before);
  });
});

describe("preview", () => {
  it("shows what generation then produces, and which recent days would change", async () => {
    const mapping = mapped();
    await call("PUT", "/api/mapping/draft", mapping);
    await call("POST", "/api/mapping/activate");
    await loadNights("2026-11-20", "2026-11-21");

    const noDraft = await json<MappingPreview>(call("POST", "/api/mapping/preview"));
    expect(noDraft).toMatchObject({ draft: null, changedDays: [], comparedDays: 0 });
    expect(noDraft.day?.salesDate).toBe("2026-11-21");

    // Unsaved edits are previewed as they are, without saving them.
    const edited = salesTo(mapping, SALES_OTHER);
    const unsaved = await json<MappingPreview>(
      call("POST", "/api/mapping/preview", { mapping: edited }, "2"),
    );
    expect(unsaved.changedDays).toHaveLength(6);
    expect(unsaved.comparedDays).toBe(6);
    expect((await state()).draft).toBeNull();

    await call("PUT", "/api/mapping/draft", edited);
    const storeId = noDraft.day!.storeId;
    const preview = await json<MappingPreview>(
      call("POST", "/api/mapping/preview", { storeId, date: "2026-11-20" }, "3"),
    );
    expect(preview.day).toEqual({ storeId, salesDate: "2026-11-20" });
    expect(preview.draft?.status).toBe("ready");
    const [day] = await stack.db
      .select()
      .from(storeDays)
      .where(and(eq(storeDays.storeId, storeId), eq(storeDays.salesDate, "2026-11-20")));
    const stored = async () =>
      (
        await stack.db
          .select()
          .from(documents)
          .where(eq(documents.storeDayId, day!.id))
          .orderBy(asc(documents.kind))
      ).map((doc) => doc.body as AccountingDocument);
    const byKind = (docs: AccountingDocument[]) => [...docs].sort((a, b) => a.kind.localeCompare(b.kind));
    expect(byKind(preview.active!.documents)).toEqual(await stored());
    expect(preview.draft?.documents).not.toEqual(preview.active?.documents);

    await call("POST", "/api/mapping/activate");
    await regenerateStoreDay(stack.deps, { accountId, storeId, salesDate: "2026-11-20", trigger: "user" });
    expect(await stored()).toEqual(byKind(preview.draft!.documents));
  });

  it("refuses a bad request naming the field", async () => {
    const [store] = await stack.db.select().from(stores);
    for (const [body, field] of [
      [{ date: "2026-11-20" }, "storeId"],
      [{ storeId: store!.id, date: "20/11/2026" }, "date"],
      [{ mapping: { version: 2 } }, "mapping.version"],
    ] as const) {
      const response = await call("POST", "/api/mapping/preview", body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "invalid_request", field } });
    }
    expect((await call("POST", "/api/mapping/preview", { storeId: "elsewhere" })).status).toBe(404);
    const notLoaded = await call("POST", "/api/mapping/preview", { storeId: store!.id, date: "2026-11-20" });
    expect(notLoaded.status).toBe(404);
    expect(await json(call("POST", "/api/mapping/preview"))).toEqual({
      day: null,
      draft: null,
      active: null,
      changedDays: [],
      comparedDays: 0,
    });
  });
});

describe("regenerate over a range", () => {
  it("regenerates every store-day with data, counting the changed, the unchanged and the refused", async () => {
    const mapping = mapped();
    await call("PUT", "/api/mapping/draft", mapping);
    await call("POST", "/api/mapping/activate");
    await loadNights("2026-11-20", "2026-11-21");
    await call("PUT", "/api/mapping/draft", salesTo(mapping, SALES_OTHER));
    const offer = await json<ActivationResult>(call("POST", "/api/mapping/activate"));
    expect(offer.regenerate).toEqual({ from: "2026-11-20", to: "2026-11-21", days: 6 });

    // A day being posted is refused by the day rules: skipped.
    const [busy] = await allDays();
    await stack.db.update(storeDays).set({ status: "posting" }).where(eq(storeDays.id, busy!.id));
    const range = { from: offer.regenerate!.from, to: offer.regenerate!.to };
    expect(await json(call("POST", "/api/days/regenerate", range, "2"))).toEqual({
      regenerated: 5,
      unchanged: 0,
      skipped: 1,
    });
    expect(await json(call("POST", "/api/days/regenerate", { ...range, storeIds: [busy!.storeId] }))).toEqual(
      {
        regenerated: 0,
        unchanged: 1,
        skipped: 1,
      },
    );
    await stack.db.update(storeDays).set({ status: "queued" }).where(eq(storeDays.id, busy!.id));
    expect(
      await json(call("POST", "/api/days/regenerate", { from: "2026-11-01", to: "2026-11-30" })),
    ).toEqual({
      regenerated: 1,
      unchanged: 5,
      skipped: 0,
    });
    const runs = await stack.db.select().from(executions).where(eq(executions.action, "regenerate"));
    expect(runs).toHaveLength(12);
    expect(new Set(runs.map((run) => `${run.trigger}/${run.actor === null}`))).toEqual(
      new Set(["user/false"]),
    );
  });

  it("refuses more than 31 days, naming `to`, and a bad request naming its field", async () => {
    const long = await call("POST", "/api/days/regenerate", { from: "2026-11-01", to: "2026-12-02" });
    expect(long.status).toBe(422);
    const body = (await long.json()) as { error: { code: string; field: string; message: string } };
    expect(body.error).toMatchObject({ field: "to" });
    expect(body.error.message).toMatch(/POS Load Scheduler/);
    expect(
      (await call("POST", "/api/days/regenerate", { from: "2026-11-01", to: "2026-12-01" })).status,
    ).toBe(200);
    for (const [input, field] of [
      [{ from: "2026-11-30", to: "2026-11-01" }, "to"],
      [{ from: "November", to: "2026-11-01" }, "from"],
      [{ from: "2026-11-01", to: "2026-11-02", storeIds: ["elsewhere"] }, "storeIds"],
    ] as const) {
      const response = await call("POST", "/api/days/regenerate", input);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { field } });
    }
  });
});

describe("the nights after an activation", () => {
  it("load and post each day with the mapping active at the time", async () => {
    await call("PUT", "/api/mapping/draft", salesTo(mapped(), SALES_OTHER));
    await call("POST", "/api/mapping/activate");
    await loadNights("2026-11-20");
    // The posting queue's delay passes; its timer sends what is due.
    stack.clock.advance(31 * 60_000);
    await sendDuePosts(stack.deps);
    await stack.drain();
    const first = await allDays();
    expect(first.map((day) => [day.salesDate, day.status, day.mappingVersion])).toEqual(
      Array(3).fill(["2026-11-20", "posted", 1]),
    );

    const salesLines = async (salesDate: string) => {
      const rows = await stack.db
        .select({ body: documents.body, ledgerId: documents.ledgerId, date: storeDays.salesDate })
        .from(documents)
        .innerJoin(storeDays, eq(storeDays.id, documents.storeDayId))
        .where(and(eq(storeDays.salesDate, salesDate), eq(documents.kind, "journal_entry")));
      return rows.flatMap((row) => {
        expect(row.ledgerId).not.toBeNull();
        return (
          row.body as AccountingDocument & { lines: { section: string; target: { account?: string } }[] }
        ).lines
          .filter((line) => line.section === "sales")
          .map((line) => line.target.account);
      });
    };
    expect(new Set(await salesLines("2026-11-20"))).toEqual(new Set([SALES_OTHER]));

    // A new version the next day: the next night's documents follow it; the posted day stays as posted.
    const byCategory = mapped().sales.byCategory;
    await call("PUT", "/api/mapping/draft", mapped());
    await call("POST", "/api/mapping/activate");
    await loadNights("2026-11-21");
    stack.clock.advance(31 * 60_000);
    await sendDuePosts(stack.deps);
    await stack.drain();
    const second = (await allDays()).filter((day) => day.salesDate === "2026-11-21");
    expect(second.map((day) => [day.status, day.mappingVersion])).toEqual(Array(3).fill(["posted", 2]));
    const accounts = new Set(Object.values(byCategory).map((target) => target.account));
    for (const account of await salesLines("2026-11-21")) expect(accounts.has(account)).toBe(true);
    expect(new Set(await salesLines("2026-11-20"))).toEqual(new Set([SALES_OTHER]));
  });
});
