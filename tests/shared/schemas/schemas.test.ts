import { describe, expect, it } from "vitest";
import { parseMapping } from "../../../shared/schemas/mapping";
import { parsePosDay } from "../../../shared/schemas/posDay";
import { exampleDay, exampleMapping } from "../../support/examples";

function errorsOf(result: ReturnType<typeof parsePosDay> | ReturnType<typeof parseMapping>) {
  return result.ok ? [] : result.errors;
}

describe("PosDay v1", () => {
  it("accepts the example day and keeps numeric ids as text", () => {
    const day = exampleDay() as unknown as Record<string, unknown>;
    (day.store as Record<string, unknown>).id = 42;
    const parsed = parsePosDay(day);
    expect(parsed.ok && parsed.value.store.id).toBe("42");
  });

  it("refuses an amount given as a JS number, naming the field", () => {
    const day = exampleDay() as unknown as { sales: { tip: unknown }[] };
    day.sales[2]!.tip = 2;
    expect(errorsOf(parsePosDay(day))).toEqual([
      { path: "sales[2].tip", message: 'expected an amount as a decimal string, like "12.30"' },
    ]);
  });

  it("refuses more decimals than the currency has", () => {
    const day = exampleDay();
    day.sales[0]!.lines[0]!.taxes[0]!.amount = "1.805";
    expect(errorsOf(parsePosDay(day))).toEqual([
      {
        path: "sales[0].lines[0].taxes[0].amount",
        message: "has more than 2 decimal place(s), the minor units of CAD",
      },
    ]);
    const yen = exampleDay();
    yen.store.currency = "JPY";
    expect(errorsOf(parsePosDay(yen))[0]?.path).toBe("sales[0].tip");
  });

  it("allows unit prices, quantities and unit costs finer than the currency", () => {
    const day = exampleDay();
    day.sales[0]!.lines[0]!.unitCost = "8.1234";
    day.sales[0]!.lines[0]!.quantity = "2.500";
    expect(parsePosDay(day).ok).toBe(true);
  });

  it("names bad enums, dates, time zones and currencies", () => {
    const day = exampleDay() as unknown as Record<string, any>;
    day.salesDate = "2026-02-30";
    day.store.timezone = "Mars/Olympus";
    day.store.currency = "XYZ1";
    day.sales[0].payments[0].kind = "cheque";
    day.sales[0].completedAt = "yesterday";
    expect(errorsOf(parsePosDay(day)).map((error) => error.path)).toEqual([
      "store.timezone",
      "store.currency",
      "salesDate",
      "sales[0].completedAt",
      "sales[0].payments[0].kind",
    ]);
  });

  it("refuses another version", () => {
    expect(errorsOf(parsePosDay({ ...exampleDay(), version: 2 }))[0]?.path).toBe("version");
  });
});

describe("Mapping v1", () => {
  it("accepts the example mapping", () => {
    expect(parseMapping(exampleMapping()).ok).toBe(true);
  });

  it("needs exactly one of account or item in a target", () => {
    const mapping = exampleMapping() as unknown as Record<string, any>;
    mapping.sales.byCategory.c1 = { account: "4010", item: "APPAREL" };
    mapping.cashDrawer.deposit = {};
    expect(errorsOf(parseMapping(mapping))).toEqual([
      { path: "sales.byCategory.c1", message: "a target needs exactly one of account or item" },
      { path: "cashDrawer.deposit", message: "a target needs exactly one of account or item" },
    ]);
  });

  it("refuses a negative tolerance and an unknown posting method", () => {
    const mapping = exampleMapping() as unknown as Record<string, any>;
    mapping.settings.tolerance = "-1.00";
    mapping.postingMethod = "daily_report";
    expect(errorsOf(parseMapping(mapping)).map((error) => error.path)).toEqual([
      "postingMethod",
      "settings.tolerance",
    ]);
  });
});
