// The Sales totals page's query: a date range, a store (its POS shop id) and a status filter. Anything
// malformed falls back to the default, so a hand-edited address still opens the page.
import { DAY_STATUSES, type DayStatus } from "../../../shared/api";

export const ATTENTION = "attention";
export type StatusFilter = DayStatus | typeof ATTENTION | "all";

export interface DaysSearch {
  from?: string;
  to?: string;
  store?: string;
  status?: StatusFilter;
}

const isDate = (value: unknown): value is string =>
  typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

export function parseDaysSearch(search: Record<string, unknown>): DaysSearch {
  const status = search.status;
  return {
    ...(isDate(search.from) && { from: search.from }),
    ...(isDate(search.to) && { to: search.to }),
    ...(typeof search.store === "string" && search.store && { store: search.store }),
    ...((status === ATTENTION ||
      status === "all" ||
      (DAY_STATUSES as readonly unknown[]).includes(status)) && {
      status: status as StatusFilter,
    }),
  };
}
