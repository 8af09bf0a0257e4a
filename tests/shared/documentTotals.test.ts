// The documents' totals beside the POS's: on a day whose mapping places everything, every compared total
// agrees to the cent, for each posting method; a document that drops a line shows the difference.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compareTotals } from "../../shared/documentTotals";
import { generate } from "../../shared/engine/generate";
import { summarize } from "../../shared/engine/totals";
import type { JournalDocument } from "../../shared/engine/types";
import { parseMapping, type Mapping } from "../../shared/schemas/mapping";
import { parsePosDay } from "../../shared/schemas/posDay";

const fixture = (name: string) => JSON.parse(readFileSync(`tests/fixtures/${name}`, "utf8")) as unknown;
const day = (() => {
  const parsed = parsePosDay(fixture("example-day.json"));
  if (!parsed.ok) throw new Error("fixture day does not parse");
  return parsed.value;
})();
const fixtureMapping = (() => {
  const parsed = parseMapping(fixture("example-mapping.json"));
  if (!parsed.ok) throw new Error("fixture mapping does not parse");
  return parsed.value;
})();
/** The fixture's mapping without its ignored inventory category: everything the POS counts is booked. */
const mapping: Mapping = {
  ...fixtureMapping,
  inventory: { ...fixtureMapping.inventory, byCategory: { c1: fixtureMapping.inventory.byCategory.c1! } },
};

describe("compareTotals", () => {
  it.each(["journal_entry", "summary_sales_receipt", "itemized_sales_receipt"] as const)(
    "agrees with the POS to the cent with %s",
    (postingMethod) => {
      const method: Mapping = { ...mapping, postingMethod };
      const result = generate(day, method);
      expect(result.status).toBe("ready");
      const compared = compareTotals(summarize(day), result.documents);
      expect(compared.map((row) => row.name)).toEqual(["sales", "discounts", "tax", "payments", "cogs"]);
      for (const row of compared) expect({ [row.name]: row.difference }).toEqual({ [row.name]: "0.00" });
      expect(compared.find((row) => row.name === "sales")!.pos).not.toBe("0.00");
    },
  );

  it("shows the cost of an ignored category as a difference", () => {
    const result = generate(day, fixtureMapping);
    const cogs = compareTotals(summarize(day), result.documents).find((row) => row.name === "cogs")!;
    expect(cogs.difference).toBe("-6.50");
  });

  it("counts a category whose refunds outweigh its sales as a negative cost", () => {
    const refunds = {
      ...day,
      sales: day.sales.map((sale) => ({
        ...sale,
        lines: sale.lines.map((line) =>
          line.categoryId === "c1" ? { ...line, quantity: `-${line.quantity}`.replace("--", "") } : line,
        ),
      })),
    };
    const result = generate(refunds, { ...mapping, settings: { ...mapping.settings, tolerance: "1000.00" } });
    const cogs = compareTotals(summarize(refunds), result.documents).find((row) => row.name === "cogs")!;
    expect(cogs.difference).toBe("0.00");
  });

  it("shows what a document is missing", () => {
    const result = generate(day, mapping);
    const [journal, ...others] = result.documents as JournalDocument[];
    const salesLine = journal!.lines.findIndex((line) => line.section === "sales");
    const dropped = journal!.lines[salesLine]!;
    const damaged = { ...journal!, lines: journal!.lines.filter((_, index) => index !== salesLine) };
    const sales = compareTotals(summarize(day), [damaged, ...others]).find((row) => row.name === "sales")!;
    expect(sales.difference).toBe(`-${dropped.amount}`);
  });
});
