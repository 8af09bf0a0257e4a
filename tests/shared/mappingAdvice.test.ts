// Advice on a mapping against a chart (seed 002): receivables refused, other types than the recommended
// ones warned, ids the chart lacks warned, in both ledgers' own type names.
import { describe, expect, it } from "vitest";
import { adviseMapping, chartAccountOf, isReceivable } from "../../shared/mappingAdvice";
import type { Mapping } from "../../shared/schemas/mapping";
import { sandboxMapping } from "../support/sandboxMapping";

/** A chart with every placeholder account of the sandbox mapping, each of a recommended type. */
function qboChart(mapping: Mapping) {
  const ids = new Set(
    JSON.stringify(mapping)
      .match(/"account":"[^"]+"/g)!
      .map((m) => m.slice(11, -1)),
  );
  const typeOf = (id: string) =>
    /^4/.test(id)
      ? "Income"
      : /^2/.test(id)
        ? "Other Current Liability"
        : /^5/.test(id)
          ? "Cost of Goods Sold"
          : /^6/.test(id)
            ? "Expense"
            : "Other Current Asset";
  return {
    accounts: [
      ...[...ids].map((id) => ({ id, name: `Account ${id}`, type: typeOf(id) })),
      {
        id: "ar",
        name: "Accounts Receivable (A/R)",
        type: "Accounts Receivable",
        subtype: "AccountsReceivable",
      },
      { id: "bank", name: "Chequing", type: "Bank", subtype: "Checking" },
    ],
    items: [{ id: "item-1" }],
  };
}

describe("adviseMapping", () => {
  it("says nothing of a mapping whose every account exists with a recommended type", () => {
    const mapping = sandboxMapping();
    expect(adviseMapping(mapping, qboChart(mapping))).toEqual([]);
  });

  it("refuses an accounts receivable target, naming its path", () => {
    const mapping = sandboxMapping();
    mapping.sales.byCategory["2"] = { account: "ar" };
    mapping.payments.byType["7"] = { account: "ar", vendor: "Moneris" };
    expect(adviseMapping(mapping, qboChart(sandboxMapping()))).toEqual([
      {
        path: "sales.byCategory.2",
        severity: "error",
        code: "accounts_receivable",
        accountType: "Accounts Receivable",
      },
      {
        path: "payments.byType.7",
        severity: "error",
        code: "accounts_receivable",
        accountType: "Accounts Receivable",
      },
    ]);
  });

  it("recognises Xero's receivable account by its system account DEBTORS, not its type CURRENT", () => {
    const mapping = sandboxMapping({ rounding: { account: "1200" } });
    const chart = {
      accounts: [{ id: "1200", name: "Accounts Receivable", type: "CURRENT", subtype: "DEBTORS" }],
      items: [],
    };
    expect(adviseMapping(mapping, chart)).toContainEqual({
      path: "rounding",
      severity: "error",
      code: "accounts_receivable",
      accountType: "DEBTORS",
    });
    expect(chartAccountOf(chart.accounts[0]!)).toEqual({
      id: "1200",
      name: "Accounts Receivable",
      type: "DEBTORS",
    });
    expect(isReceivable("CURRENT")).toBe(false);
  });

  it.each([
    [
      "sales to a bank account",
      (m: Mapping) => (m.sales.all = { account: "bank" }),
      "sales.all",
      "Bank",
      ["Income"],
    ],
    [
      "payouts to an income account",
      (m: Mapping) => (m.cashDrawer.payouts = { account: "4900" }),
      "cashDrawer.payouts",
      "Income",
      ["Expense", "Other Expense"],
    ],
    [
      "tips to an asset",
      (m: Mapping) => (m.otherCharges.tips = { account: "1010" }),
      "otherCharges.tips",
      "Other Current Asset",
      ["Other Current Liability", "Long Term Liability"],
    ],
    [
      "a category's cost of goods sold to a liability",
      (m: Mapping) => (m.inventory.byCategory["3"] = { cogs: { account: "2400" } }),
      "inventory.byCategory.3.cogs",
      "Other Current Liability",
      ["Cost of Goods Sold", "Expense", "Other Expense"],
    ],
  ])("warns of %s with the recommended types", (_, change, path, accountType, recommended) => {
    const mapping = sandboxMapping();
    const chart = qboChart(mapping);
    change(mapping);
    expect(adviseMapping(mapping, chart)).toEqual([
      { path, severity: "warning", code: "not_recommended_type", accountType, recommended },
    ]);
  });

  it("names Xero's types in Xero's codes", () => {
    const mapping = sandboxMapping({ rounding: undefined, purchaseOrders: undefined });
    const accounts = [
      ...qboChart(mapping).accounts.map((a) => ({
        ...a,
        type: a.type === "Income" ? "REVENUE" : "CURRLIAB",
      })),
    ];
    const advice = adviseMapping(mapping, { accounts, items: [] });
    expect(advice).toContainEqual({
      path: "cashDrawer.deposit",
      severity: "warning",
      code: "not_recommended_type",
      accountType: "CURRLIAB",
      recommended: ["BANK", "CURRENT"],
    });
    expect(advice.some((a) => a.path.startsWith("sales."))).toBe(false);
  });

  it("warns of accounts and items the chart does not have; paid-ins and rounding have no recommended type", () => {
    const mapping = sandboxMapping();
    const chart = qboChart(mapping);
    mapping.sales.byItem["55"] = { item: "item-1" };
    mapping.sales.byItem["56"] = { item: "gone" };
    mapping.discounts.byDiscount["9"] = { account: "gone" };
    mapping.cashDrawer.paidIns = { account: "bank" };
    mapping.rounding = { account: "2400" };
    expect(adviseMapping(mapping, chart)).toEqual([
      { path: "sales.byItem.56", severity: "warning", code: "unknown_item" },
      { path: "discounts.byDiscount.9", severity: "warning", code: "unknown_account" },
    ]);
  });
});
