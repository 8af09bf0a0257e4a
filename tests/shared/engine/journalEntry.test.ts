// The bundled example day, worked by hand (tests/fixtures/example-day.json):
//  #1001 2 T-shirts 40.00 - 10% 4.00 + GST 1.80 + PST 2.52 = 40.32 by Visa
//  #1002 Mug 15.00 + GST 0.75 + PST 1.05, gift card sold 50.00 = 66.80 cash
//  #1003 Coffee beans 12.00 (Grocery, unmapped: All Sales), tip 2.00 = 14.00 by Mastercard
//  #1004 T-shirt returned -20.00 + 2.00 discount back - GST 0.90 - PST 1.26 = -20.16 cash
//  #1005 voided 100.00 (nothing)
//  #1006 Mug 16.80 paid with a gift card          #1007 account deposit 25.00 cash
//  #1008 T-shirt 22.40 charged to a credit account #1009 Sticker 9.98 paid 10.00 cash (0.02 rounding)
//  Front register: float 200, cash 81.64, paid-in 10, payout 15, counted 276.14 -> expected 276.64, short 0.50
//  Back register: float 100, payout 5, counted 95 -> even.
//  Deposit = cash 81.64 - payouts 20 + paid-ins 10 - short 0.50 = 71.14
import { describe, expect, it } from "vitest";
import { generate } from "../../../shared/engine/generate";
import { summarize } from "../../../shared/engine/totals";
import { documentOf, exampleDay, exampleMapping, journalRows } from "../../support/examples";

describe("journal entry method, the example day", () => {
  const result = generate(exampleDay(), exampleMapping());

  it("is ready with three documents and no problems", () => {
    expect(result.status).toBe("ready");
    expect(result.problems).toEqual([]);
    expect(result.documents.map((document) => document.kind)).toEqual([
      "journal_entry",
      "cogs",
      "purchase_orders",
    ]);
  });

  it("books sales, discounts, returns, other charges, payments and the drawer to the cent", () => {
    const journal = documentOf(result, "journal_entry");
    expect(journalRows(journal)).toEqual([
      ["4090", "credit", "12.00"], // All Sales: Grocery has no mapping of its own
      ["4010", "credit", "60.00"], // Apparel 40 + 20 (the return goes to Returns)
      ["4020", "credit", "39.50"], // Home 15 + 15 + 9.50
      ["4950", "debit", "20.00"], // Returns
      ["4910", "debit", "2.00"], // 10% off: 4.00 given, 2.00 taken back on the return
      ["1250", "credit", "25.00"], // credit account deposit
      ["2400", "credit", "50.00"], // gift card sold: a liability, not revenue
      ["2450", "credit", "2.00"], // tips: a liability
      ["2310", "credit", "3.88"], // GST 1.80 + 0.75 - 0.90 + 0.75 + 1.00 + 0.48
      ["2320", "credit", "4.76"], // PST 2.52 + 1.05 - 1.26 + 1.05 + 1.40
      ["4980", "credit", "0.02"], // rounding within the 0.05 tolerance
      ["1060", "debit", "54.32"], // All Credit Cards: Visa 40.32 + Mastercard 14.00
      ["1250", "debit", "22.40"], // charge to the credit account (payment type unmapped: Credit Account)
      ["2400", "debit", "16.80"], // gift card redeemed (payment type unmapped: Gift Cards)
      ["1010", "debit", "71.14"], // cash deposit
      ["6150", "debit", "0.50"], // Front: short
      ["6110", "credit", "10.00"], // Front: paid-in
      ["6100", "debit", "15.00"], // Front: payout
      ["6100", "debit", "5.00"], // Back: payout
    ]);
    expect(journal.total).toBe("207.16");
  });

  it("puts the store's class on every line and the tax agency as vendor", () => {
    const journal = documentOf(result, "journal_entry");
    expect(journal.lines.every((line) => line.class === "Downtown")).toBe(true);
    expect(journal.lines.find((line) => line.target.account === "2310")?.vendor).toBe(
      "Canada Revenue Agency",
    );
    expect(journal.lines.find((line) => line.target.account === "2320")?.vendor).toBe("Ministry of Finance");
  });

  it("describes lines in the merchant's language", () => {
    const french = documentOf(generate(exampleDay(), exampleMapping(), { locale: "fr" }), "journal_entry");
    expect(french.memo).toBe("Daybook, journal des ventes, Downtown, 2026-11-20");
    expect(french.lines.map((line) => line.description)).toContain("Front : décaissements");
    expect(documentOf(result, "journal_entry").lines.map((line) => line.description)).toContain(
      "Front: payouts",
    );
  });

  it("names documents by store, date and kind", () => {
    expect(result.documents.map((document) => document.key)).toEqual([
      "store-1/2026-11-20/journal_entry",
      "store-1/2026-11-20/cogs",
      "store-1/2026-11-20/purchase_orders",
    ]);
  });

  it("reports the POS totals beside the documents", () => {
    expect(summarize(exampleDay())).toMatchObject({
      sales: 8,
      voided: 1,
      grossSales: "111.50",
      returns: "20.00",
      discounts: "2.00",
      netSales: "89.50",
      tax: "8.64",
      tips: "2.00",
      giftCardsSold: "50.00",
      accountDeposits: "25.00",
      payments: "175.16",
      cashPayments: "81.64",
      payouts: "20.00",
      paidIns: "10.00",
      overShort: "-0.50",
      cogs: "37.13", // 16.00 + 14.625 + 6.50 (before any mapping's ignore)
      purchaseOrders: "200.00",
    });
  });

  it("books sales per item where an item is mapped, over its category", () => {
    const mapping = exampleMapping();
    mapping.sales.byItem = { i3: { account: "4030" } };
    const journal = documentOf(generate(exampleDay(), mapping), "journal_entry");
    const rows = journalRows(journal);
    expect(rows).toContainEqual(["4020", "credit", "30.00"]);
    expect(rows).toContainEqual(["4030", "credit", "9.50"]);
  });

  it("keeps card payment types apart when cards are not combined", () => {
    const mapping = exampleMapping();
    mapping.settings.combineCreditCards = false;
    mapping.payments.byType = {
      "pt-visa": { account: "1061" },
      "pt-mc": { account: "1062", vendor: "Moneris" },
    };
    const journal = documentOf(generate(exampleDay(), mapping), "journal_entry");
    expect(journalRows(journal)).toContainEqual(["1061", "debit", "40.32"]);
    expect(journalRows(journal)).toContainEqual(["1062", "debit", "14.00"]);
    expect(journal.lines.find((line) => line.target.account === "1062")?.vendor).toBe("Moneris");
    expect(journal.lines.some((line) => line.target.account === "1060")).toBe(false);
  });

  it("nets returns against their category when Returns is not mapped", () => {
    const mapping = exampleMapping();
    delete mapping.discounts.returns;
    const rows = journalRows(documentOf(generate(exampleDay(), mapping), "journal_entry"));
    expect(rows).toContainEqual(["4010", "credit", "40.00"]);
    expect(rows.some(([target]) => target === "4950")).toBe(false);
  });

  it("uses All Discounts for discounts without a mapping of their own", () => {
    const mapping = exampleMapping();
    mapping.discounts.byDiscount = {};
    mapping.discounts.all = { account: "4900" };
    expect(journalRows(documentOf(generate(exampleDay(), mapping), "journal_entry"))).toContainEqual([
      "4900",
      "debit",
      "2.00",
    ]);
  });

  it("leaves voided sales out entirely", () => {
    const day = exampleDay();
    const withoutVoided = { ...day, sales: day.sales.filter((sale) => !sale.voided) };
    expect(generate(withoutVoided, exampleMapping()).documents).toEqual(result.documents);
  });
});
