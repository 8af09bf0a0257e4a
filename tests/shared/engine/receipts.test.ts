// The example day (see journalEntry.test.ts for the hand computation) as receipts and invoices.
// Charged: sales 12 + 60 + 39.50 - returns 20 - discount 2 + deposits 25 + gift cards 50 + tips 2
//          + GST 3.88 + PST 4.76 + rounding 0.02 = 175.16
// Paid:    cash 81.64 + cards 54.32 + credit account 22.40 + gift card 16.80 = 175.16
import { describe, expect, it } from "vitest";
import { generate } from "../../../shared/engine/generate";
import type { Mapping } from "../../../shared/schemas/mapping";
import { mappingWith } from "../../support/days";
import { documentOf, exampleDay, journalRows, receiptRows } from "../../support/examples";

const item = (id: string) => ({ item: id });

function receiptMapping(method: Mapping["postingMethod"]): Mapping {
  return mappingWith((mapping) => {
    mapping.postingMethod = method;
    mapping.sales = { all: item("ALL"), byCategory: { c1: item("APPAREL"), c2: item("HOME") }, byItem: {} };
    mapping.discounts = { byDiscount: { d1: item("DISC10") }, returns: item("RETURNS") };
    mapping.otherCharges = {
      byTax: { t1: { item: "GST", vendor: "Canada Revenue Agency" }, t2: item("PST") },
      giftCards: item("GIFTCARD"),
      tips: item("TIPS"),
      creditAccount: item("ACCTDEP"),
    };
    mapping.payments.byType = { "pt-gift": { account: "2400" }, "pt-acct": { account: "1250" } };
    mapping.rounding = item("ROUND");
  });
}

describe("summary sales receipt", () => {
  const result = generate(exampleDay(), receiptMapping("summary_sales_receipt"));
  const receipt = documentOf(result, "sales_receipt");

  it("has a line per mapped category, the catch-all, discounts, other charges and taxes", () => {
    expect(result.status).toBe("ready");
    expect(receipt.layout).toBe("summary");
    expect(receiptRows(receipt).lines).toEqual([
      ["items:ALL", "12.00", "All Sales"],
      ["items:APPAREL", "60.00", "Sales: Apparel"],
      ["items:HOME", "39.50", "Sales: Home"],
      ["items:RETURNS", "-20.00", "Returns"],
      ["items:DISC10", "-2.00", "Discount: 10% off"],
      ["items:ACCTDEP", "25.00", "Credit account deposits"],
      ["items:GIFTCARD", "50.00", "Gift cards sold"],
      ["items:TIPS", "2.00", "Tips"],
      ["items:GST", "3.88", "Tax: GST"],
      ["items:PST", "4.76", "Tax: PST"],
      ["items:ROUND", "0.02", "Rounding"],
    ]);
    expect(receipt.taxes).toEqual([]);
  });

  it("is paid by cash into the deposit account and the other payments to their accounts", () => {
    expect(receiptRows(receipt).payments).toEqual([
      ["1010", "81.64"],
      ["1060", "54.32"],
      ["1250", "22.40"],
      ["2400", "16.80"],
    ]);
    expect(receipt.total).toBe("175.16");
    expect(receipt.class).toBe("Downtown");
  });

  it("books the drawer's movements in a cash drawer journal that brings the deposit to 71.14", () => {
    // The receipt deposited 81.64; payouts 20, paid-in 10 and short 0.50 take 10.50 back out.
    expect(journalRows(documentOf(result, "cash_drawer"))).toEqual([
      ["1010", "credit", "10.50"],
      ["6150", "debit", "0.50"],
      ["6110", "credit", "10.00"],
      ["6100", "debit", "15.00"],
      ["6100", "debit", "5.00"],
    ]);
    expect(result.documents.map((document) => document.kind)).toEqual([
      "sales_receipt",
      "cash_drawer",
      "cogs",
      "purchase_orders",
    ]);
  });

  it("carries tax codes instead of tax lines when sales tax is tracked in the ledger", () => {
    const mapping = receiptMapping("summary_sales_receipt");
    mapping.settings.trackSalesTaxInLedger = true;
    mapping.taxes.byTax = { t1: { taxCode: "GST-CA" }, t2: { taxCode: "PST-ON" } };
    const tracked = documentOf(generate(exampleDay(), mapping), "sales_receipt");
    expect(receiptRows(tracked).taxes).toEqual([
      ["GST-CA", "3.88"],
      ["PST-ON", "4.76"],
    ]);
    expect(tracked.lines.some((line) => line.section === "taxes")).toBe(false);
    expect(tracked.total).toBe("175.16");
  });
});

describe("itemized sales receipt", () => {
  const receipt = documentOf(
    generate(exampleDay(), receiptMapping("itemized_sales_receipt")),
    "sales_receipt",
  );

  it("has a line per POS item with its quantity, targets resolved item, category, then All Sales", () => {
    expect(receipt.layout).toBe("itemized");
    const sales = receipt.lines.filter((line) => line.section === "sales" || line.section === "returns");
    expect(sales.map((line) => [line.target.item, line.description, line.quantity, line.amount])).toEqual([
      ["APPAREL", "Sales: T-shirt", "3", "60.00"],
      ["HOME", "Sales: Mug", "2", "30.00"],
      ["HOME", "Sales: Sticker", "1", "9.50"],
      ["ALL", "Sales: Coffee beans", "1", "12.00"],
      ["RETURNS", "Returns: T-shirt", "-1", "-20.00"],
    ]);
    expect(receipt.total).toBe("175.16");
  });
});

describe("summary invoice (Xero)", () => {
  it("expresses the day with lines to accounts, settled by the payments", () => {
    const result = generate(
      exampleDay(),
      mappingWith((mapping) => (mapping.postingMethod = "summary_invoice")),
    );
    const invoice = documentOf(result, "invoice");
    expect(receiptRows(invoice).lines.map(([target, amount]) => [target, amount])).toEqual([
      ["4090", "12.00"],
      ["4010", "60.00"],
      ["4020", "39.50"],
      ["4950", "-20.00"],
      ["4910", "-2.00"],
      ["1250", "25.00"],
      ["2400", "50.00"],
      ["2450", "2.00"],
      ["2310", "3.88"],
      ["2320", "4.76"],
      ["4980", "0.02"],
    ]);
    expect(receiptRows(invoice).payments).toEqual([
      ["1010", "81.64"],
      ["1060", "54.32"],
      ["1250", "22.40"],
      ["2400", "16.80"],
    ]);
    expect(invoice.total).toBe("175.16");
    expect(invoice.lines.find((line) => line.target.account === "2310")?.vendor).toBe(
      "Canada Revenue Agency",
    );
  });
});
