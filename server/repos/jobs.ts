// Bulk jobs of the POS Load Scheduler.
import { desc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { jobs } from "../db/schema";

export function listJobs(db: Db, accountId: string, limit = 100) {
  return db
    .select()
    .from(jobs)
    .where(eq(jobs.accountId, accountId))
    .orderBy(desc(jobs.createdAt))
    .limit(limit);
}
