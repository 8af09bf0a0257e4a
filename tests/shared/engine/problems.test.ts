import { describe, expect, it } from "vitest";
import { generate } from "../../../shared/engine/generate";
import { summarize } from "../../../shared/engine/totals";
import { describeProblem } from "../../../shared/problemText";
import type { Payment } from "../../../shared/schemas/posDay";
import { cash, day, item, mappingWith, sale, visa } from "../../support/days";
import { exampleDay, exampleMapping } from "../../support/examples";

const codes = (result: ReturnType<typeof generate>) => result.problems.map((problem) => problem.code);

describe("problems that hold the day", () => {
  it("names an unmapped category when there is no All Sales, once, and produces no documents", () => {
    const result = generate(
      exampleDay(),
      mappingWith((m) => delete m.sales.all),
    );
    expect(result.status).toBe("hold");
    expect(result.documents).toEqual([]);
    expect(result.problems).toEqual([
      {
        code: "unmapped_category",
        severity: "hold",
        section: "sales",
        subject: { id: "c3", name: "Grocery" },
      },
    ]);
    expect(describeProblem(result.problems[0]!, "en")).toBe(
      'Sales category "Grocery" is not mapped and there is no All Sales mapping. Map it, or map All Sales.',
    );
    expect(describeProblem(result.problems[0]!, "fr")).toContain("« Grocery »");
  });

  it("names an unmapped item on the itemized receipt", () => {
    const mapping = mappingWith((m) => {
      m.postingMethod = "itemized_sales_receipt";
      delete m.sales.all;
    });
    expect(generate(exampleDay(), mapping).problems).toContainEqual({
      code: "unmapped_item",
      severity: "hold",
      section: "sales",
      subject: { id: "i4", name: "Coffee beans" },
    });
  });

  it("names an unmapped payment type", () => {
    const other: Payment = { paymentTypeId: "pt-cheque", name: "Cheque", kind: "other", amount: "20.00" };
    const result = generate(day([sale([item("20.00")], [other])]), exampleMapping());
    expect(result.status).toBe("hold");
    expect(result.problems).toEqual([
      {
        code: "unmapped_payment_type",
        severity: "hold",
        section: "payments",
        subject: { id: "pt-cheque", name: "Cheque" },
      },
    ]);
  });

  it("asks for All Credit Cards when cards are combined", () => {
    const result = generate(
      day([sale([item("20.00")], [visa("20.00")])]),
      mappingWith((m) => delete m.payments.allCreditCards),
    );
    expect(codes(result)).toEqual(["unmapped_all_credit_cards"]);
  });

  it("names unmapped discounts, taxes, tips, gift cards, credit account, paid-ins", () => {
    const mapping = mappingWith((m) => {
      m.discounts.byDiscount = {};
      m.otherCharges = { byTax: {} };
      m.payments.byType = {};
      delete m.cashDrawer.paidIns;
    });
    expect(codes(generate(exampleDay(), mapping))).toEqual([
      "unmapped_credit_account",
      "unmapped_discount",
      "unmapped_gift_cards",
      "unmapped_paid_ins",
      "unmapped_payment_type",
      "unmapped_tax",
      "unmapped_tax",
      "unmapped_tips",
    ]);
  });

  it("asks for a tax code when sales tax is tracked on a receipt", () => {
    const mapping = mappingWith((m) => {
      m.postingMethod = "summary_invoice";
      m.settings.trackSalesTaxInLedger = true;
      m.taxes.byTax = { t1: { taxCode: "GST" } };
    });
    expect(generate(exampleDay(), mapping).problems).toEqual([
      { code: "unmapped_tax_code", severity: "hold", section: "taxes", subject: { id: "t2", name: "PST" } },
    ]);
  });

  it("refuses an accounts receivable account when the chart is known", () => {
    const chart = [
      { id: "1250", name: "Customer accounts", type: "Accounts Receivable" },
      { id: "1010", name: "Undeposited cash", type: "Other Current Asset" },
    ];
    const result = generate(exampleDay(), exampleMapping(), { chart });
    expect(result.status).toBe("hold");
    expect(result.problems).toEqual([
      {
        code: "accounts_receivable",
        severity: "hold",
        section: "other_charges",
        subject: { id: "1250", name: "Customer accounts" },
      },
    ]);
  });
});

describe("tolerance", () => {
  const mapping = exampleMapping(); // tolerance 0.05, rounding 4980

  it("books a difference within the tolerance to rounding", () => {
    const result = generate(day([sale([item("9.97")], [cash("10.00")])]), mapping);
    expect(result.status).toBe("ready");
    const rounding = result.documents[0]?.kind === "journal_entry" ? result.documents[0].lines : [];
    expect(rounding.find((line) => line.section === "rounding")).toMatchObject({
      side: "credit",
      amount: "0.03",
    });
  });

  it("books exactly the tolerance to rounding, and a cent more makes the day out of balance naming the sale", () => {
    expect(generate(day([sale([item("9.95")], [cash("10.00")])]), mapping).status).toBe("ready");
    const result = generate(day([sale([item("9.94")], [cash("10.00")], { number: "7001" })]), mapping);
    expect(result.status).toBe("out_of_balance");
    expect(result.documents).toEqual([]);
    expect(result.problems).toEqual([
      {
        code: "out_of_balance",
        severity: "out_of_balance",
        section: "sales",
        subject: { id: expect.any(String), name: "7001" },
        details: { owed: "9.94", paid: "10.00", difference: "0.06", tolerance: "0.05", total: "0.00" },
      },
    ]);
    expect(describeProblem(result.problems[0]!, "en")).toBe(
      "Sale 7001: lines and tax come to 9.94 but payments less tip come to 10.00, a difference of 0.06, beyond the tolerance of 0.05.",
    );
  });

  it("treats a tip recorded in the payments but not in the sale as out of balance", () => {
    const result = generate(day([sale([item("10.00")], [visa("12.00")])]), mapping);
    expect(result.status).toBe("out_of_balance");
  });

  it("holds when a difference within tolerance has no rounding target", () => {
    const result = generate(
      day([sale([item("9.99")], [cash("10.00")])]),
      mappingWith((m) => delete m.rounding),
    );
    expect(codes(result)).toEqual(["unmapped_rounding"]);
  });

  it("reports hold before out of balance, listing both", () => {
    const sales = [
      sale([item("9.00")], [cash("10.00")]),
      sale([item("5.00", { categoryId: "zz", categoryName: "New" })], [cash("5.00")]),
    ];
    const result = generate(
      day(sales),
      mappingWith((m) => delete m.sales.all),
    );
    expect(result.status).toBe("hold");
    expect(codes(result)).toEqual(["unmapped_category", "out_of_balance"]);
  });
});

describe("an empty day", () => {
  it("has no documents and says so", () => {
    const voided = sale([item("10.00")], [cash("10.00")], { voided: true });
    const result = generate(day([voided]), exampleMapping());
    expect(result.status).toBe("empty");
    expect(result.documents).toEqual([]);
    expect(summarize(day([voided]))).toMatchObject({ sales: 0, voided: 1, netSales: "0.00" });
  });
});
