import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { generate } from "../../shared/engine/generate";
import { toHledger } from "../../shared/hledger";
import type { Mapping } from "../../shared/schemas/mapping";
import { cash, day, item, mappingWith, sale } from "../support/days";
import { exampleDay } from "../support/examples";

const hledger = spawnSync("hledger", ["--version"]).status === 0;
const check = (journal: string) =>
  spawnSync("hledger", ["-f", "-", "check"], { input: journal, encoding: "utf8" });

const methods: Mapping["postingMethod"][] = [
  "journal_entry",
  "summary_sales_receipt",
  "itemized_sales_receipt",
  "summary_invoice",
];

describe("hledger output", () => {
  it("writes one transaction per document with item targets as items:<id> and tracked taxes as taxes:<code>", () => {
    const mapping = mappingWith((m) => {
      m.postingMethod = "summary_sales_receipt";
      m.sales.byCategory.c1 = { item: "APPAREL" };
      m.settings.trackSalesTaxInLedger = true;
      m.taxes.byTax = { t1: { taxCode: "GST" }, t2: { taxCode: "PST" } };
    });
    const journal = toHledger(generate(exampleDay(), mapping).documents);
    expect(journal.match(/^2026-11-20 /gm)).toHaveLength(4);
    expect(journal).toContain("    items:APPAREL  -60.00 CAD  ; class:Downtown");
    expect(journal).toContain("    taxes:GST  -3.88 CAD  ; class:Downtown");
    expect(journal).toContain("    1010  81.64 CAD  ; class:Downtown");
  });

  it("keeps names that hledger would misread from breaking the journal", () => {
    const mapping = mappingWith((m) => {
      m.classes = { "store-1": "North; East, West" };
      m.payments.byType["pt-acct"] = { account: "1250", vendor: "Acme;  Ltd, Inc" };
    });
    const journal = toHledger(generate(exampleDay(), mapping).documents);
    expect(journal).toContain("; class:North East West, vendor:Acme Ltd Inc");
  });

  it.skipIf(!hledger)(
    "passes `hledger check` for every posting method, and for a currency without minor units",
    () => {
      for (const method of methods) {
        const result = generate(
          exampleDay(),
          mappingWith((m) => (m.postingMethod = method)),
        );
        expect(result.status).toBe("ready");
        const run = check(toHledger(result.documents));
        expect(run.stderr, method).toBe("");
        expect(run.status).toBe(0);
      }
      const yen = day([sale([item("1200", { unitCost: "600" })], [cash("1200")])]);
      yen.store.currency = "JPY";
      const journal = toHledger(
        generate(
          yen,
          mappingWith(() => {}),
        ).documents,
      );
      expect(journal).toContain("    4010  -1200 JPY");
      expect(check(journal).status).toBe(0);
    },
  );
});
