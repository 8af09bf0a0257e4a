// The support export: a store-day's snapshot as an RFC 4180 CSV that parses back cell for cell,
// translated, whose day totals are the engine's own figures of the day.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { snapshots, storeDays, stores } from "../../../server/db/schema";
import { runNightly } from "../../../server/services/nightly";
import { supportCsv } from "../../../server/services/supportExport";
import { ensureStoreDay } from "../../../server/repos/storeDays";
import { DEMO_COFFEE, MAPLE_BAKERY } from "../../../server/sandbox/pos/roster";
import { summarize } from "../../../shared/engine/totals";
import type { DayTotals } from "../../../shared/engine/types";
import { Decimal as D, minorUnits, toMoneyString } from "../../../shared/money";
import type { PosDay } from "../../../shared/schemas/posDay";
import { createTwoAccountDatabase, type TestDatabase } from "../../support/database";
import { exampleDay } from "../../support/examples";
import { createFullStack } from "../../support/fullStack";

/** RFC 4180, strictly: CRLF between records, quotes only around a whole field, "" inside them. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let wasQuoted = false;
  const endField = () => {
    row.push(field);
    field = "";
    wasQuoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') field += text[++i];
      else quoted = false;
    } else if (c === '"') {
      if (field !== "" || wasQuoted) throw new Error(`stray quote at ${i}`);
      quoted = wasQuoted = true;
    } else if (c === ",") endField();
    else if (c === "\r" && text[i + 1] === "\n") {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else if (c === "\r" || c === "\n") throw new Error(`bare line break at ${i}`);
    else if (wasQuoted) throw new Error(`text after a closing quote at ${i}`);
    else field += c;
  }
  if (quoted) throw new Error("unterminated quote");
  if (field !== "" || row.length) throw new Error("the last record has no CRLF");
  return rows;
}

function parseExport(csv: string): string[][] {
  expect(csv.startsWith("\uFEFF")).toBe(true);
  const rows = parseCsv(csv.slice(1));
  expect(new Set(rows.map((row) => row.length))).toEqual(new Set([rows[0]!.length]));
  return rows;
}

/** The day totals section after the blank record: its title, then label -> value. */
function daySection(rows: string[][]): { title: string; totals: Map<string, string> } {
  const blank = rows.findIndex((row) => row.every((cell) => cell === ""));
  expect(blank).toBeGreaterThan(0);
  return {
    title: rows[blank + 1]![0]!,
    totals: new Map(rows.slice(blank + 2).map((row) => [row[0]!, row[1]!])),
  };
}
const dayTotals = (rows: string[][]) => daySection(rows).totals;

/** What the engine's totals say the section must hold. */
function expectedTotals(totals: DayTotals): Record<string, string> {
  const money = (value: D) => toMoneyString(value, minorUnits(totals.currency));
  const lines = new D(totals.grossSales)
    .minus(totals.returns)
    .plus(totals.giftCardsSold)
    .plus(totals.accountDeposits);
  return {
    Sales: String(totals.sales),
    "Voided sales": String(totals.voided),
    "Lines before discounts": money(lines),
    Discounts: totals.discounts,
    Taxes: totals.tax,
    "Total with tax": money(lines.minus(totals.discounts).plus(totals.tax)),
    Payments: totals.payments,
    Tips: totals.tips,
  };
}

describe("support export of a stored snapshot", () => {
  let database: TestDatabase;
  let day: PosDay;

  beforeEach(async () => {
    database = await createTwoAccountDatabase();
    const { db } = database;
    await db.insert(stores).values([
      {
        id: "st-a",
        accountId: "a",
        posShopId: "1",
        name: "Café Rue, Principale",
        timezone: "America/Toronto",
        currency: "CAD",
      },
      {
        id: "st-b",
        accountId: "b",
        posShopId: "1",
        name: "Bakery",
        timezone: "America/Toronto",
        currency: "CAD",
      },
    ]);
    day = exampleDay();
    day.store.name = "Café Rue, Principale";
    day.sales[1]!.lines[0]!.itemName = 'Mug, "large"';
    day.sales[6]!.lines[0]!.itemName = "Account\r\ndeposit";
    day.sales[8]!.lines[0]!.itemName = "=HYPERLINK(1)";
    day.sales[0]!.completedAt = "2026-11-20T14:12:00Z"; // 09:12 in Toronto
    await storeSnapshot("a", "st-a", day);
  });
  afterEach(() => database.close());

  async function storeSnapshot(accountId: string, storeId: string, body: PosDay) {
    const { db } = database;
    const row = await ensureStoreDay(db, { accountId, storeId, salesDate: body.salesDate }, 1);
    const id = `snap-${Math.random()}`;
    await db.insert(snapshots).values({
      id,
      accountId,
      storeId,
      salesDate: body.salesDate,
      sources: "sales",
      body,
      fetchedAt: 1,
    });
    await db.update(storeDays).set({ snapshotId: id, status: "queued" }).where(eq(storeDays.id, row.id));
  }

  const exportOf = async (locale: "en" | "fr" = "en") => {
    const result = await supportCsv(database.db, "a", "st-a", "2026-11-20", locale);
    if (!result) throw new Error("no export");
    return result;
  };

  it("names the file after the store and the date, in CRLF records after a BOM", async () => {
    const { filename, csv } = await exportOf();
    expect(filename).toBe("daybook-cafe-rue-principale-2026-11-20.csv");
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
    parseExport(csv);
  });

  it("writes one row per line and payment, a tip row and a totals row per sale", async () => {
    const rows = parseExport((await exportOf()).csv);
    expect(rows[0]).toEqual([
      "Sale number",
      "Completed at",
      "Voided",
      "Row type",
      "Item",
      "Category",
      "Quantity",
      "Unit price",
      "Subtotal",
      "Discounts",
      "Tax: GST",
      "Tax: PST",
      "Total with tax",
      "Payment type",
      "Amount",
      "Sale total (POS)",
    ]);
    const at = "2026-11-20T09:12:00-05:00";
    expect(rows.filter((row) => row[0] === "1001")).toEqual([
      [
        "1001",
        at,
        "no",
        "line",
        "T-shirt",
        "Apparel",
        "2",
        "20.00",
        "40.00",
        "4.00",
        "1.80",
        "2.52",
        "40.32",
        "",
        "",
        "",
      ],
      ["1001", at, "no", "payment", "", "", "", "", "", "", "", "", "", "Visa", "40.32", ""],
      [
        "1001",
        at,
        "no",
        "sale total",
        "",
        "",
        "",
        "",
        "40.00",
        "4.00",
        "1.80",
        "2.52",
        "40.32",
        "",
        "40.32",
        "40.32",
      ],
    ]);
    const tipped = rows.filter((row) => row[0] === "1003");
    expect(tipped.map((row) => [row[3], row[4], row[10], row[11], row[13], row[14], row[15]])).toEqual([
      ["line", "Coffee beans", "", "", "", "", ""],
      ["payment", "", "", "", "Mastercard", "14.00", ""],
      ["tip", "", "", "", "", "2.00", ""],
      ["sale total", "", "0.00", "0.00", "", "14.00", "12.00"],
    ]);
    expect(rows.filter((row) => row[0] === "1004")[0]?.slice(6, 13)).toEqual([
      "-1",
      "20.00",
      "-20.00",
      "-2.00",
      "-0.90",
      "-1.26",
      "-20.16",
    ]);
  });

  it("quotes names with a comma, a quote or a line break, and they parse back unchanged", async () => {
    const { csv } = await exportOf();
    expect(csv).toContain('"Mug, ""large"""');
    expect(csv).toContain('"Account\r\ndeposit"');
    const items = parseExport(csv).map((row) => row[4]);
    expect(items).toContain('Mug, "large"');
    expect(items).toContain("Account\r\ndeposit");
    expect(daySection(parseExport(csv)).title).toBe(
      "Day totals, Café Rue, Principale, 2026-11-20 (voided sales excluded)",
    );
  });

  it("keeps a name a spreadsheet would run as a formula as text, and negative amounts as numbers", async () => {
    const rows = parseExport((await exportOf()).csv);
    expect(rows.map((row) => row[4])).toContain("'=HYPERLINK(1)");
    expect(rows.map((row) => row[14])).toContain("-20.16");
  });

  it("marks every row of a voided sale and leaves it out of the day's totals", async () => {
    const rows = parseExport((await exportOf()).csv);
    const voided = rows.filter((row) => row[0] === "1005");
    expect(voided.map((row) => [row[2], row[3]])).toEqual([
      ["yes", "line"],
      ["yes", "payment"],
      ["yes", "sale total"],
    ]);
    const sales = rows.slice(1).filter((row) => /^\d{4}$/.test(row[0]!));
    expect(sales.filter((row) => row[2] === "no").length).toBe(sales.length - 3);
    expect(dayTotals(rows).get("Voided sales")).toBe("1");
  });

  it("ends with the day's totals, equal to the engine's totals of the snapshot", async () => {
    const totals = dayTotals(parseExport((await exportOf()).csv));
    const expected = summarize(day);
    expect(Object.fromEntries([...totals].filter(([label]) => label in expectedTotals(expected)))).toEqual(
      expectedTotals(expected),
    );
    expect(new D(totals.get("Tax: GST")!).plus(totals.get("Tax: PST")!).toFixed(2)).toBe(expected.tax);
    expect(totals.get("Payments")).toBe("175.16");
  });

  it("writes its headers, flags and labels in French", async () => {
    const rows = parseExport((await exportOf("fr")).csv);
    expect(rows[0]).toEqual([
      "Numéro de vente",
      "Conclue le",
      "Annulée",
      "Type de ligne",
      "Article",
      "Catégorie",
      "Quantité",
      "Prix unitaire",
      "Sous-total",
      "Réductions",
      "Taxe : GST",
      "Taxe : PST",
      "Total taxes comprises",
      "Mode de paiement",
      "Montant",
      "Total de la vente (PDV)",
    ]);
    expect(rows.filter((row) => row[0] === "1005").map((row) => [row[2], row[3]])).toEqual([
      ["oui", "ligne"],
      ["oui", "paiement"],
      ["oui", "total de la vente"],
    ]);
    expect(rows.find((row) => row[0] === "1003" && row[3] === "pourboire")?.[2]).toBe("non");
    expect([...dayTotals(rows).keys()]).toContain("Pourboires");
  });

  it("reads the day's current snapshot after a reload", async () => {
    const reloaded = exampleDay();
    reloaded.sales[0]!.voided = true;
    await storeSnapshot("a", "st-a", reloaded);
    const rows = parseExport((await exportOf()).csv);
    expect(rows.find((row) => row[0] === "1001")?.[2]).toBe("yes");
    expect(dayTotals(rows).get("Voided sales")).toBe("2");
  });

  it("has nothing for a day without data, nor for another account's store", async () => {
    const { db } = database;
    await ensureStoreDay(db, { accountId: "a", storeId: "st-a", salesDate: "2026-11-21" }, 1);
    expect(await supportCsv(db, "a", "st-a", "2026-11-21", "en")).toBeUndefined();
    expect(await supportCsv(db, "b", "st-a", "2026-11-20", "en")).toBeUndefined();
    await storeSnapshot("b", "st-b", exampleDay());
    expect(await supportCsv(db, "a", "st-b", "2026-11-20", "en")).toBeUndefined();
    expect(await supportCsv(db, "b", "st-b", "2026-11-20", "en")).toBeDefined();
  });
});

describe("support export of a day loaded from the sandbox POS", () => {
  it("lists every sale in store-local time and totals each day as the engine did", async () => {
    const stack = await createFullStack(Date.parse("2026-11-20T15:00:00Z"));
    try {
      await stack.install(DEMO_COFFEE.accountID);
      await stack.install(MAPLE_BAKERY.accountID);
      stack.clock.set(Date.parse("2026-11-21T15:00:00Z"));
      await runNightly(stack.deps);
      await stack.drain();
      const loaded = await stack.db
        .select({ day: storeDays, store: stores })
        .from(storeDays)
        .innerJoin(stores, eq(stores.id, storeDays.storeId))
        .where(eq(storeDays.salesDate, "2026-11-20"));
      const offsets: Record<string, string> = {
        "America/Halifax": "-04:00",
        "America/Toronto": "-05:00",
        "America/Vancouver": "-08:00",
      };
      expect(new Set(loaded.map(({ store }) => store.timezone))).toEqual(new Set(Object.keys(offsets)));
      expect(new Set(loaded.map(({ day }) => day.accountId)).size).toBe(2);
      for (const { day, store } of loaded) {
        const result = await supportCsv(stack.db, day.accountId, store.id, day.salesDate, "en");
        expect(result?.filename).toMatch(/^daybook-[a-z0-9-]+-2026-11-20\.csv$/);
        const rows = parseExport(result!.csv);
        const times = new Set(rows.slice(1).flatMap((row) => (/^\d{4}-/.test(row[1]!) ? [row[1]!] : [])));
        expect(times.size).toBeGreaterThan(0);
        for (const time of times)
          expect(time).toMatch(new RegExp(`^2026-11-20T\\d\\d:\\d\\d:\\d\\d${offsets[store.timezone]}$`));
        const expected = expectedTotals(day.totals as DayTotals);
        const totals = dayTotals(rows);
        expect(Object.fromEntries([...totals].filter(([label]) => label in expected))).toEqual(expected);
        const other = loaded.find(({ day: candidate }) => candidate.accountId !== day.accountId)!;
        expect(
          await supportCsv(stack.db, other.day.accountId, store.id, day.salesDate, "en"),
        ).toBeUndefined();
      }
    } finally {
      stack.close();
    }
  });
});
