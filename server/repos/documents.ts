// The accounting documents of a store-day, as generated and (once posted) with their ledger ids.
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { documents } from "../db/schema";

export function listDayDocuments(db: Db, accountId: string, storeDayId: string) {
  return db
    .select()
    .from(documents)
    .where(and(eq(documents.accountId, accountId), eq(documents.storeDayId, storeDayId)))
    .orderBy(asc(documents.kind));
}
