// Users: the POS employees who opened Daybook, as their last session token described them.
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { users, type Role } from "../db/schema";
import { newId } from "../crypto/random";

export type User = typeof users.$inferSelect;

export interface UserProfile {
  posUserId: string;
  role: Role;
  name: string;
  email: string | null;
  locale: string;
}

/** Insert, or refresh the profile and `lastSeenAt` of the (account, POS user) pair. */
export async function upsertUser(
  db: Db,
  accountId: string,
  profile: UserProfile,
  now: number,
): Promise<User> {
  const { posUserId, ...details } = profile;
  const [user] = await db
    .insert(users)
    .values({ id: newId(), accountId, posUserId, ...details, lastSeenAt: now })
    .onConflictDoUpdate({ target: [users.accountId, users.posUserId], set: { ...details, lastSeenAt: now } })
    .returning();
  if (!user) throw new Error("the user upsert returned no row");
  return user;
}

export function findUser(db: Db, accountId: string, userId: string): Promise<User | undefined> {
  return db
    .select()
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.id, userId)))
    .get();
}
