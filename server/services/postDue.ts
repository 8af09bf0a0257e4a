// The posting queue (DESIGN §3 `queued`): store-days whose due time has come are sent to the ledger.
// A post that cannot reach the ledger is retried by the queue itself.
import { and, eq, inArray, isNotNull, lte } from "drizzle-orm";
import { accounts, storeDays } from "../db/schema";
import type { Deps } from "../deps";

export async function sendDuePosts(deps: Pick<Deps, "db" | "queue" | "clock">): Promise<number> {
  const { db, queue, clock } = deps;
  const now = clock();
  const installed = db.select({ id: accounts.id }).from(accounts).where(eq(accounts.status, "installed"));
  const due = await db
    .select({
      id: storeDays.id,
      dueAt: storeDays.dueAt,
      accountId: storeDays.accountId,
      storeId: storeDays.storeId,
      salesDate: storeDays.salesDate,
    })
    .from(storeDays)
    .where(
      and(
        inArray(storeDays.status, ["queued", "update"]),
        isNotNull(storeDays.dueAt),
        lte(storeDays.dueAt, now),
        inArray(storeDays.accountId, installed),
      ),
    );
  for (const { id, dueAt, ...day } of due) {
    await queue.send({ type: "day.post", ...day, trigger: "queue" });
    // Sent, then cleared: a crash in between sends it twice, and the post's claim makes that harmless.
    await db
      .update(storeDays)
      .set({ dueAt: null, updatedAt: now })
      .where(and(eq(storeDays.id, id), eq(storeDays.dueAt, dueAt ?? now)));
  }
  return due.length;
}
