// A receipt document as a Xero invoice or credit note: tracked tax spread over the taxed lines to the
// cent, payments that went the other way as lines, everything turned around for a negative day.
import { expect, it } from "vitest";
import { salesPlan } from "../../../../server/ledger/xero/salesPlan";
import type { ReceiptDocument } from "../../../../shared/engine/types";

function receipt(fields: Partial<ReceiptDocument>): ReceiptDocument {
  return {
    key: "s/2026-03-01/invoice",
    storeId: "s",
    date: "2026-03-01",
    currency: "CAD",
    memo: "Daybook sales invoice",
    fingerprint: "f",
    kind: "invoice",
    layout: "summary",
    lines: [],
    taxes: [],
    payments: [],
    total: "0.00",
    ...fields,
  };
}

it("spreads one tax code over the sales, returns and discounts, the rounding cent on the largest line", () => {
  const plan = salesPlan(
    receipt({
      lines: [
        { section: "sales", description: "Coffee", target: { account: "4001" }, amount: "10.00" },
        { section: "sales", description: "Pastries", target: { account: "4003" }, amount: "20.00" },
        { section: "discounts", description: "Staff", target: { account: "4900" }, amount: "-0.01" },
        {
          section: "other_charges",
          description: "Gift cards sold",
          target: { account: "2400" },
          amount: "5.00",
        },
      ],
      taxes: [
        { taxId: "t1", name: "GST", taxCode: "TAX004", amount: "1.00" },
        { taxId: "t2", name: "QST", taxCode: "TAX004", amount: "1.00" },
      ],
      payments: [{ description: "Cards", target: { account: "1060" }, amount: "36.99" }],
      total: "36.99",
    }),
  );
  expect(plan.kind).toBe("invoice");
  expect(plan.lineAmountTypes).toBe("Exclusive");
  expect(plan.lineItems.map((line) => [line.TaxType, line.TaxAmount])).toEqual([
    ["TAX004", 0.67],
    ["TAX004", 1.33],
    ["TAX004", 0],
    ["NONE", undefined],
  ]);
  expect(plan.payments.map((p) => [p.account, p.amount.toFixed(2)])).toEqual([["1060", "36.99"]]);
});

it("turns a payment that went out into a line on its account", () => {
  const plan = salesPlan(
    receipt({
      lines: [{ section: "sales", description: "Sales", target: { account: "4001" }, amount: "100.00" }],
      payments: [
        { description: "Cash payments", target: { account: "1010" }, amount: "-20.00" },
        { description: "Cards", target: { account: "1060" }, amount: "120.00" },
      ],
      total: "100.00",
    }),
  );
  expect(plan.lineAmountTypes).toBe("NoTax");
  expect(plan.lineItems.at(-1)).toEqual({
    Description: "Cash payments",
    Quantity: 1,
    UnitAmount: 20,
    AccountCode: "1010",
  });
  expect(plan.payments.map((p) => p.amount.toFixed(2))).toEqual(["120.00"]);
});

it("makes a credit note of a negative day, quantities and amounts turned around", () => {
  const plan = salesPlan(
    receipt({
      layout: "itemized",
      lines: [
        { section: "returns", description: "Mug", target: { item: "MUG" }, amount: "-36.00", quantity: "-2" },
        { section: "sales", description: "Latte", target: { item: "LATTE" }, amount: "10.00", quantity: "3" },
      ],
      payments: [{ description: "Cash payments", target: { account: "1010" }, amount: "-26.00" }],
      total: "-26.00",
    }),
  );
  expect(plan.kind).toBe("creditNote");
  expect(plan.lineItems).toEqual([
    { Description: "Mug", Quantity: 2, UnitAmount: 18, ItemCode: "MUG" },
    // 10.00 over 3 is not exact in 4 decimals: one unit of the whole amount.
    { Description: "Latte", Quantity: 1, UnitAmount: -10, ItemCode: "LATTE" },
  ]);
  expect(plan.payments.map((p) => p.amount.toFixed(2))).toEqual(["26.00"]);
});
