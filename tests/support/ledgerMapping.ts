// The sandbox mapping (sandboxMapping.ts) re-pointed at a real ledger chart: each placeholder account
// is replaced by the chart's account of the same role, found by name and type, so a day generated
// with it posts to accounts that exist in the sandbox ledger.
import type { LedgerAccount, LedgerChart } from "../../server/ledger/port";
import type { Mapping } from "../../shared/schemas/mapping";
import { sandboxMapping } from "./sandboxMapping";

type Role = { name: RegExp; type?: RegExp };

const INCOME = /^(income|revenue|sales)$/i;
const LIABILITY = /liab/i;
/** Placeholder account (sandboxMapping.ts) -> the role its replacement plays. */
function roleOf(placeholder: string): Role {
  if (/^40\d\d$/.test(placeholder)) return { name: /sales|revenue/i, type: INCOME };
  if (/^23\d+$/.test(placeholder)) return { name: /hst|gst|qst|pst|sales tax|tax payable/i, type: LIABILITY };
  const roles: Record<string, Role> = {
    "4900": { name: /discount/i },
    "4950": { name: /return|refund/i },
    "2400": { name: /gift/i },
    "2450": { name: /tip|gratuit/i },
    "1250": { name: /store account|house account|customer deposit|deposits/i },
    "1060": { name: /undeposited|card|clearing/i },
    // Undeposited Funds first: Xero refuses bank accounts in manual journals.
    "1010": { name: /undeposited/i },
    "1020": { name: /cash on hand|petty|drawer|float/i },
    "6100": { name: /supplies|payout|office|expense/i },
    "6110": { name: /paid.?in|other income|miscellaneous|supplies/i },
    "6150": { name: /over|short/i },
    "1300": { name: /inventory/i },
    "5000": { name: /cost of (goods|sales)|cogs/i },
    "2000": { name: /accrued|payable/i, type: LIABILITY },
    "6990": { name: /rounding|over|short/i },
  };
  const role = roles[placeholder];
  if (!role) throw new Error(`no role for placeholder account ${placeholder}`);
  return role;
}

function pick(accounts: LedgerAccount[], role: Role, placeholder: string): string {
  const usable = accounts.filter((account) => account.active && !/receivable|debtors/i.test(account.type));
  const found =
    usable.find((a) => role.name.test(a.name) && (!role.type || role.type.test(a.type))) ??
    usable.find((a) => role.name.test(a.name));
  if (!found) throw new Error(`the chart has no account for ${placeholder} (${role.name})`);
  return found.id;
}

function repoint(value: unknown, accounts: LedgerAccount[]): unknown {
  if (Array.isArray(value)) return value.map((item) => repoint(item, accounts));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === "account" && typeof inner === "string"
        ? pick(accounts, roleOf(inner), inner)
        : key === "vendor"
          ? undefined
          : repoint(inner, accounts),
    ]),
  );
}

export function mappingForChart(chart: LedgerChart, overrides: Partial<Mapping> = {}): Mapping {
  return { ...(repoint(sandboxMapping(), chart.accounts) as Mapping), ...overrides };
}
