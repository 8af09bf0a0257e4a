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
