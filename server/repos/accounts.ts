// Accounts: one row per POS account (merchant installation), found again by its POS account id so
// that a reinstall updates the row instead of adding one.
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { accounts } from "../db/schema";

export type Account = typeof accounts.$inferSelect;

export function findAccount(db: Db, accountId: string): Promise<Account | undefined> {
  return db.select().from(accounts).where(eq(accounts.id, accountId)).get();
}

export function findAccountByPosAccountId(db: Db, posAccountId: string): Promise<Account | undefined> {
  return db.select().from(accounts).where(eq(accounts.posAccountId, posAccountId)).get();
}

export interface InstalledAccount {
  /** Used only when the POS account is new; a reinstall keeps the existing id. */
  id: string;
  posAccountId: string;
  name: string;
  /** The install date; kept on reinstall (the merchant may have edited it). */
  syncStartDate: string;
}

/** Insert, or on reinstall mark installed again with the POS's current name. Unexecuted statement. */
export function upsertInstalledAccount(db: Db, account: InstalledAccount, now: number) {
  return db
    .insert(accounts)
    .values({ ...account, status: "installed", installedAt: now, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: accounts.posAccountId,
      set: { name: account.name, status: "installed", installedAt: now, uninstalledAt: null, updatedAt: now },
    })
    .returning();
}

/** Unexecuted statement; only an installed account changes, so a redelivered uninstall is a no-op. */
export function markAccountUninstalled(db: Db, accountId: string, now: number) {
  return db
    .update(accounts)
    .set({ status: "uninstalled", uninstalledAt: now, updatedAt: now })
    .where(and(eq(accounts.id, accountId), eq(accounts.status, "installed")));
}

export interface AccountSettings {
  postingDelayMinutes?: number;
  syncStartDate?: string;
  nightlyCutoff?: string;
}

export async function updateAccountSettings(
  db: Db,
  accountId: string,
  changes: AccountSettings,
  now: number,
): Promise<Account | undefined> {
  const [updated] = await db
    .update(accounts)
    .set({ ...changes, updatedAt: now })
    .where(eq(accounts.id, accountId))
    .returning();
  return updated;
}
