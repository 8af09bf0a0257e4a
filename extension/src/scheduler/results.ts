// The New Job tab's arithmetic, apart from its screens: which search results are visible once narrowed,
// what a click on the table's checkboxes selects among them, and the name a job gets from its selection.
import { IndexTableSelectionType } from "@shopify/polaris";
import type { DayStatus, JobSearchRow, JobType, SearchFilter } from "../../../shared/api";

export const resultKey = (row: Pick<JobSearchRow, "storeId" | "salesDate">) =>
  `${row.storeId}/${row.salesDate}`;

/** The longest search the API takes, in days (both ends included). */
export const MAX_SEARCH_DAYS = 366;

/** The job type a search's filter suggests: days without data are loaded, the others reloaded. */
export const defaultJobType = (filter: SearchFilter): JobType =>
  filter === "missing" ? "load_missing" : "reload";

export interface Narrowing {
  /** Part of a store's name, any case. */
  store: string;
  /** Posting statuses to show; none means every status. */
  statuses: DayStatus[];
}

/** The results still shown once narrowed by store name and statuses, without searching again. */
export function narrowRows(
  rows: JobSearchRow[],
  narrowing: Narrowing,
  storeName: (storeId: string) => string,
): JobSearchRow[] {
  const needle = narrowing.store.trim().toLocaleLowerCase();
  return rows.filter(
    (row) =>
      (!needle || storeName(row.storeId).toLocaleLowerCase().includes(needle)) &&
      (narrowing.statuses.length === 0 || narrowing.statuses.includes(row.status)),
  );
}

/** The selection after a click on the table's checkboxes, among the visible rows (in their order). */
export function nextSelection(
  current: ReadonlySet<string>,
  visible: string[],
  type: IndexTableSelectionType,
  selecting: boolean,
  selection?: string | [number, number],
): Set<string> {
  const next = new Set(current);
  const apply = (keys: string[]) => {
    for (const key of keys) {
      if (selecting) next.add(key);
      else next.delete(key);
    }
  };
  switch (type) {
    case IndexTableSelectionType.All:
    case IndexTableSelectionType.Page:
      return selecting ? new Set(visible) : new Set();
    case IndexTableSelectionType.Single:
      if (typeof selection === "string") apply([selection]);
      return next;
    case IndexTableSelectionType.Multi:
    case IndexTableSelectionType.Range:
      if (Array.isArray(selection)) {
        const [first, last] = [...selection].sort((a, b) => a - b) as [number, number];
        apply(visible.slice(first, last + 1));
      }
      return next;
    default:
      return next;
  }
}

/** The selection kept when the visible rows change: a hidden row is never selected. */
export function keepVisible(current: ReadonlySet<string>, visible: string[]): Set<string> {
  const shown = new Set(visible);
  return new Set([...current].filter((key) => shown.has(key)));
}

/** The stores and first and last dates of some rows, for a job's name; null when there are none. */
export function spanOf(rows: Pick<JobSearchRow, "storeId" | "salesDate">[]) {
  if (rows.length === 0) return null;
  const dates = rows.map((row) => row.salesDate).sort();
  return {
    stores: new Set(rows.map((row) => row.storeId)).size,
    from: dates[0]!,
    to: dates[dates.length - 1]!,
  };
}

/** Newest first, then by store name: as Sales totals lists store-days. */
export function sortRows(rows: JobSearchRow[], storeName: (storeId: string) => string): JobSearchRow[] {
  return [...rows].sort(
    (a, b) =>
      b.salesDate.localeCompare(a.salesDate) || storeName(a.storeId).localeCompare(storeName(b.storeId)),
  );
}
