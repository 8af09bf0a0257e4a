// A document line's target as the merchant knows it: the ledger's account or item name (and number)
// from the cached chart, or its id when the chart is not at hand.
import type { LedgerChartView } from "../../../shared/api";
import type { Target } from "../../../shared/schemas/mapping";

export type TargetNamer = (target: Target) => string;

export function targetNamer(chart: LedgerChartView["chart"] | null | undefined): TargetNamer {
  const accounts = new Map(chart?.accounts.map((account) => [account.id, account]));
  const items = new Map(chart?.items.map((item) => [item.id, item]));
  return (target) => {
    if (target.account !== undefined) {
      const account = accounts.get(target.account);
      if (!account) return target.account;
      return account.code ? `${account.code} ${account.name}` : account.name;
    }
    const id = target.item ?? "";
    return items.get(id)?.name ?? id;
  };
}
