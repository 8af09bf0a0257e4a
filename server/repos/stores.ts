// Stores: the POS shops of an account, keyed by (account, POS shop id) so that a reinstall or a
// shop appearing later never duplicates one.
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { stores } from "../db/schema";
import type { PosShop } from "../pos/port";
import { newId } from "../crypto/random";

export type Store = typeof stores.$inferSelect;

export function listStores(db: Db, accountId: string): Promise<Store[]> {
  return db.select().from(stores).where(eq(stores.accountId, accountId)).orderBy(asc(stores.name)).all();
}

export function findStore(db: Db, accountId: string, storeId: string): Promise<Store | undefined> {
  return db
    .select()
    .from(stores)
    .where(and(eq(stores.accountId, accountId), eq(stores.id, storeId)))
    .get();
}

/** Unexecuted statement: add the shop as a store, or refresh its name, time zone and currency. */
export function upsertStore(db: Db, accountId: string, shop: PosShop, now: number) {
  const details = { name: shop.name, timezone: shop.timezone, currency: shop.currency };
  return db
    .insert(stores)
    .values({ id: newId(), accountId, posShopId: shop.posShopId, ...details, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [stores.accountId, stores.posShopId],
      set: { ...details, active: true, updatedAt: now },
    });
}

export function findStoreByPosShopId(
  db: Db,
  accountId: string,
  posShopId: string,
): Promise<Store | undefined> {
  return db
    .select()
    .from(stores)
    .where(and(eq(stores.accountId, accountId), eq(stores.posShopId, posShopId)))
    .get();
}
