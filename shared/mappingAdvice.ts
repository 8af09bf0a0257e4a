// Advice on a mapping against the ledger's chart (seed 002, DESIGN §5): a target on an accounts
// receivable account refuses activation; an account of another type than the ones recommended for its
// section, or an id the chart does not have, is a warning. Pure: the server and the mapping screens
// share it.
import type { MappingAdvice } from "./api";
import type { ChartAccount } from "./engine/types";
import type { Mapping, Target } from "./schemas/mapping";

/** A ledger account as the chart lists it: QuickBooks' AccountType, Xero's Type and SystemAccount. */
export interface AdviceAccount {
  id: string;
  name: string;
  type: string;
  subtype?: string;
}

export interface AdviceChart {
  accounts: AdviceAccount[];
  items: { id: string }[];
}

const RECEIVABLE = /receivable|^debtors$/i;

/** QuickBooks' "Accounts Receivable" type, Xero's DEBTORS (as the engine sees Xero's system account). */
export function isReceivable(type: string): boolean {
  return RECEIVABLE.test(type);
}

/** The account as the engine reads it: Xero marks its receivable account by the system account DEBTORS,
 *  not by its type (CURRENT). */
export function chartAccountOf(account: AdviceAccount): ChartAccount {
  return {
    id: account.id,
    name: account.name,
    type: account.subtype === "DEBTORS" ? "DEBTORS" : account.type,
  };
}

/** Recommended account types (seed 002) in each ledger's own names: QuickBooks AccountType, Xero Type. */
type Recommendation = { qbo: string[]; xero: string[] };
const INCOME: Recommendation = { qbo: ["Income"], xero: ["REVENUE", "SALES"] };
const LIABILITY: Recommendation = {
  qbo: ["Other Current Liability", "Long Term Liability"],
  xero: ["CURRLIAB", "LIABILITY", "TERMLIAB"],
};
const CURRENT_ASSET: Recommendation = { qbo: ["Bank", "Other Current Asset"], xero: ["BANK", "CURRENT"] };
const EXPENSE: Recommendation = { qbo: ["Expense", "Other Expense"], xero: ["EXPENSE", "OVERHEADS"] };
const OVER_SHORT: Recommendation = {
  qbo: [...EXPENSE.qbo, "Other Current Asset"],
  xero: [...EXPENSE.xero, "CURRENT"],
};
const INVENTORY: Recommendation = { qbo: ["Other Current Asset"], xero: ["INVENTORY", "CURRENT"] };
const COGS: Recommendation = {
  qbo: ["Cost of Goods Sold", ...EXPENSE.qbo],
  xero: ["DIRECTCOSTS", ...EXPENSE.xero],
};
const CREDIT_ACCOUNT: Recommendation = {
  qbo: ["Other Current Asset", "Other Asset", ...LIABILITY.qbo],
  xero: ["CURRENT", "NONCURRENT", ...LIABILITY.xero],
};
const PO_OFFSET: Recommendation = {
  qbo: ["Accounts Payable", ...LIABILITY.qbo, ...EXPENSE.qbo],
  xero: [...LIABILITY.xero, ...EXPENSE.xero],
};

/** Every target of a mapping (`*` is each key of a map), with what its account should be; paid-ins and
 *  rounding have no recommended type. */
const TARGETS: [pattern: string, recommended: Recommendation | null][] = [
  ["sales.all", INCOME],
  ["sales.byCategory.*", INCOME],
  ["sales.byItem.*", INCOME],
  ["discounts.all", INCOME],
  ["discounts.byDiscount.*", INCOME],
  ["discounts.returns", INCOME],
  ["otherCharges.byTax.*", LIABILITY],
  ["otherCharges.giftCards", LIABILITY],
  ["otherCharges.tips", LIABILITY],
  ["otherCharges.creditAccount", CREDIT_ACCOUNT],
  ["payments.allCreditCards", CURRENT_ASSET],
  ["payments.byType.*", CURRENT_ASSET],
  ["cashDrawer.deposit", CURRENT_ASSET],
  ["cashDrawer.cashInDrawer", CURRENT_ASSET],
  ["cashDrawer.payouts", EXPENSE],
  ["cashDrawer.paidIns", null],
  ["cashDrawer.overShort", OVER_SHORT],
  ["inventory.all.inventory", INVENTORY],
  ["inventory.all.cogs", COGS],
  ["inventory.byCategory.*.inventory", INVENTORY],
  ["inventory.byCategory.*.cogs", COGS],
  ["purchaseOrders.inventory", INVENTORY],
  ["purchaseOrders.offset", PO_OFFSET],
  ["rounding", null],
];

/** The values at a dotted pattern, with their concrete paths. */
function resolve(value: unknown, keys: string[], path: string[] = []): [string, unknown][] {
  if (keys.length === 0) return [[path.join("."), value]];
  if (value === null || typeof value !== "object") return [];
  const [key, ...rest] = keys as [string, ...string[]];
  const record = value as Record<string, unknown>;
  const names = key === "*" ? Object.keys(record) : [key];
  return names.flatMap((name) => resolve(record[name], rest, [...path, name]));
}

const isTarget = (value: unknown): value is Target =>
  value !== null && typeof value === "object" && ("account" in value || "item" in value);

/** Xero names its types in capitals (CURRLIAB); QuickBooks in words (Other Current Liability). */
const namesOf = (recommended: Recommendation, type: string) =>
  /^[A-Z]+$/.test(type) ? recommended.xero : recommended.qbo;

export function adviseMapping(mapping: Mapping, chart: AdviceChart): MappingAdvice[] {
  const accounts = new Map(chart.accounts.map((account) => [account.id, account]));
  const items = new Set(chart.items.map((item) => item.id));
  const advice: MappingAdvice[] = [];
  for (const [pattern, recommended] of TARGETS)
    for (const [path, target] of resolve(mapping, pattern.split("."))) {
      if (!isTarget(target)) continue;
      if (target.item !== undefined) {
        if (!items.has(target.item)) advice.push({ path, severity: "warning", code: "unknown_item" });
        continue;
      }
      if (target.account === undefined) continue;
      const account = accounts.get(target.account);
      if (!account) {
        advice.push({ path, severity: "warning", code: "unknown_account" });
        continue;
      }
      const accountType = chartAccountOf(account).type;
      if (isReceivable(accountType)) {
        advice.push({ path, severity: "error", code: "accounts_receivable", accountType });
        continue;
      }
      if (!recommended) continue;
      const names = namesOf(recommended, account.type);
      if (!names.includes(account.type))
        advice.push({
          path,
          severity: "warning",
          code: "not_recommended_type",
          accountType: account.type,
          recommended: names,
        });
    }
  return advice;
}
