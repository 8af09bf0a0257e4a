// Store-days: one store's one business date, the unit that is loaded, generated and posted.
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, ne, notInArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { type DayStatus, snapshots, storeDays } from "../db/schema";

export type StoreDay = typeof storeDays.$inferSelect;

/** The store-day row, created as `missing` the first time it is needed. */
export async function ensureStoreDay(
  db: Db,
  key: { accountId: string; storeId: string; salesDate: string },
  now: number,
): Promise<StoreDay> {
  await db
    .insert(storeDays)
    .values({ id: crypto.randomUUID(), ...key, status: "missing", createdAt: now, updatedAt: now })
    .onConflictDoNothing();
  const row = await findStoreDay(db, key);
  if (!row) throw new Error(`store-day ${key.storeId}/${key.salesDate} could not be created`);
  return row;
}

export function findStoreDay(db: Db, key: { accountId: string; storeId: string; salesDate: string }) {
  return db
    .select()
    .from(storeDays)
    .where(
      and(
        eq(storeDays.accountId, key.accountId),
        eq(storeDays.storeId, key.storeId),
        eq(storeDays.salesDate, key.salesDate),
      ),
    )
    .get();
}

/**
 * Marks a (re)load of the store-day as waiting in the queue. True only for the first caller while
 * none is waiting, so a burst of webhooks queues one load. `withDataOnly` leaves `missing` days alone.
 */
export async function claimPendingLoad(
  db: Db,
  storeDayId: string,
  now: number,
  options: { withDataOnly: boolean },
): Promise<boolean> {
  const conditions = [eq(storeDays.id, storeDayId), isNull(storeDays.reloadPendingSince)];
  if (options.withDataOnly) conditions.push(ne(storeDays.status, "missing"));
  const claimed = await db
    .update(storeDays)
    .set({ reloadPendingSince: now, updatedAt: now })
    .where(and(...conditions))
    .returning({ id: storeDays.id });
  return claimed.length > 0;
}

/** The waiting load is starting: a webhook arriving from now on queues another one. */
export async function releasePendingLoad(db: Db, storeDayId: string, now: number): Promise<void> {
  await db
    .update(storeDays)
    .set({ reloadPendingSince: null, updatedAt: now })
    .where(eq(storeDays.id, storeDayId));
}

export function updateStoreDay(db: Db, id: string, values: Partial<typeof storeDays.$inferInsert>) {
  return db.update(storeDays).set(values).where(eq(storeDays.id, id));
}

/** Sales totals: the account's store-days in a date range, optionally of one store and some statuses. */
export function listStoreDays(
  db: Db,
  accountId: string,
  filter: { storeId?: string; from: string; to: string; statuses?: DayStatus[] },
) {
  return db
    .select({
      storeId: storeDays.storeId,
      salesDate: storeDays.salesDate,
      status: storeDays.status,
      netSales: storeDays.netSales,
      dueAt: storeDays.dueAt,
      lastError: storeDays.lastError,
    })
    .from(storeDays)
    .where(
      and(
        eq(storeDays.accountId, accountId),
        filter.storeId ? eq(storeDays.storeId, filter.storeId) : undefined,
        gte(storeDays.salesDate, filter.from),
        lte(storeDays.salesDate, filter.to),
        filter.statuses?.length ? inArray(storeDays.status, filter.statuses) : undefined,
      ),
    )
    .orderBy(asc(storeDays.salesDate), asc(storeDays.storeId));
}

/** The store's most recent store-day, if any. */
export function latestStoreDay(db: Db, accountId: string, storeId: string): Promise<StoreDay | undefined> {
  return db
    .select()
    .from(storeDays)
    .where(and(eq(storeDays.accountId, accountId), eq(storeDays.storeId, storeId)))
    .orderBy(desc(storeDays.salesDate))
    .get();
}

/** A store-day with its stored snapshot (the PosDay as loaded, and the sources it was loaded with). */
export interface LoadedDay {
  day: StoreDay;
  snapshot: { body: unknown; sources: string };
}

/**
 * Closed store-days with a snapshot, newest first (then by store): what regenerating would run through
 * the engine. `heldForInactiveMapping` keeps only the days held because no mapping was active.
 */
export function listLoadedDays(
  db: Db,
  accountId: string,
  filter: {
    storeId?: string;
    salesDate?: string;
    from?: string;
    to?: string;
    limit?: number;
    heldForInactiveMapping?: boolean;
  } = {},
): Promise<LoadedDay[]> {
  const query = db
    .select({ day: storeDays, snapshot: { body: snapshots.body, sources: snapshots.sources } })
    .from(storeDays)
    .innerJoin(snapshots, eq(snapshots.id, storeDays.snapshotId))
    .where(
      and(
        eq(storeDays.accountId, accountId),
        notInArray(storeDays.status, ["missing", "open"]),
        filter.storeId ? eq(storeDays.storeId, filter.storeId) : undefined,
        filter.salesDate ? eq(storeDays.salesDate, filter.salesDate) : undefined,
        filter.from ? gte(storeDays.salesDate, filter.from) : undefined,
        filter.to ? lte(storeDays.salesDate, filter.to) : undefined,
        filter.heldForInactiveMapping
          ? and(eq(storeDays.status, "hold"), eq(storeDays.lastError, "mapping_inactive"))
          : undefined,
      ),
    )
    .orderBy(desc(storeDays.salesDate), asc(storeDays.storeId));
  return filter.limit ? query.limit(filter.limit) : query;
}

/** The account's store-days with data (a snapshot) in a date range, optionally of some stores. */
export function listDaysWithData(
  db: Db,
  accountId: string,
  filter: { from: string; to: string; storeIds?: string[] },
): Promise<StoreDay[]> {
  return db
    .select()
    .from(storeDays)
    .where(
      and(
        eq(storeDays.accountId, accountId),
        isNotNull(storeDays.snapshotId),
        gte(storeDays.salesDate, filter.from),
        lte(storeDays.salesDate, filter.to),
        filter.storeIds ? inArray(storeDays.storeId, filter.storeIds) : undefined,
      ),
    )
    .orderBy(asc(storeDays.salesDate), asc(storeDays.storeId));
}
