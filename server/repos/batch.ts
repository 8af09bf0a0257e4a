// Several writes as one atomic db.batch (D1 has no interactive transactions): repositories return
// their statements unexecuted so a flow can group them.
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client";

export type Statement = BatchItem<"sqlite">;

export async function runAtomically(db: Db, statements: readonly Statement[]): Promise<unknown[]> {
  const [first, ...rest] = statements;
  if (!first) return [];
  return db.batch([first, ...rest]);
}

/** D1 binds at most 100 values per statement (SQLite far more): multi-row inserts stay under it. */
export const MAX_BOUND_VALUES = 100;

/** `rows` in groups small enough that a multi-row insert of `columns` values per row fits one statement. */
export function insertGroups<T>(rows: readonly T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_BOUND_VALUES / columns));
  const groups: T[][] = [];
  for (let i = 0; i < rows.length; i += size) groups.push(rows.slice(i, i + size));
  return groups;
}
