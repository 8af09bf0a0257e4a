// Connections: an account's OAuth link to the POS or a ledger, one per (account, kind). Token
// columns hold sealed text (server/crypto/secretBox.ts), never a plaintext token.
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { connections, type CONNECTION_KINDS } from "../db/schema";
import { newId } from "../crypto/random";

export type Connection = typeof connections.$inferSelect;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

export interface SealedTokens {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: number | null;
}

const ofAccount = (accountId: string, kind: ConnectionKind) =>
  and(eq(connections.accountId, accountId), eq(connections.kind, kind));

export function findConnection(
  db: Db,
  accountId: string,
  kind: ConnectionKind,
): Promise<Connection | undefined> {
  return db.select().from(connections).where(ofAccount(accountId, kind)).get();
}

/** Unexecuted statement: connect (or reconnect) with fresh tokens, clearing any previous error. */
export function upsertConnection(
  db: Db,
  accountId: string,
  kind: ConnectionKind,
  tokens: SealedTokens & { scopes: string; externalId?: string | null },
  now: number,
) {
  const values = { status: "connected" as const, lastError: null, ...tokens, updatedAt: now };
  return db
    .insert(connections)
    .values({ id: newId(), accountId, kind, ...values, createdAt: now })
    .onConflictDoUpdate({ target: [connections.accountId, connections.kind], set: values });
}

/** Stores refreshed tokens only if the refresh token is still `previousRefreshToken` (sealed text),
 *  so that of two concurrent refreshes exactly one writes, and purged tokens stay purged. The POS
 *  has just accepted the refresh, so the connection is `connected` again. True when this call wrote. */
export async function replaceRefreshedTokens(
  db: Db,
  accountId: string,
  kind: ConnectionKind,
  previousRefreshToken: string,
  tokens: SealedTokens,
  now: number,
): Promise<boolean> {
  const written = await db
    .update(connections)
    .set({ ...tokens, status: "connected", lastError: null, updatedAt: now })
    .where(and(ofAccount(accountId, kind), eq(connections.refreshToken, previousRefreshToken)))
    .returning({ id: connections.id });
  return written.length > 0;
}

/** The merchant must reconnect. With `onlyIfRefreshToken`, only while that refresh token is still the
 *  stored one: a concurrent refresh that succeeded is not undone. */
export async function markReconnectRequired(
  db: Db,
  accountId: string,
  kind: ConnectionKind,
  reason: string,
  now: number,
  onlyIfRefreshToken?: string,
): Promise<void> {
  const where = onlyIfRefreshToken
    ? and(ofAccount(accountId, kind), eq(connections.refreshToken, onlyIfRefreshToken))
    : ofAccount(accountId, kind);
  await db
    .update(connections)
    .set({ status: "reconnect_required", lastError: reason, updatedAt: now })
    .where(where);
}

/** Unexecuted statement: forget the tokens of the account's connections (one kind, or all). */
export function purgeConnectionTokens(db: Db, accountId: string, now: number, kind?: ConnectionKind) {
  return db
    .update(connections)
    .set({ status: "disconnected", accessToken: null, refreshToken: null, expiresAt: null, updatedAt: now })
    .where(kind ? ofAccount(accountId, kind) : eq(connections.accountId, accountId));
}

/** The account's connections of the given kinds, without their tokens. */
export function listConnectionStatuses(db: Db, accountId: string, kinds: readonly ConnectionKind[]) {
  return db
    .select({ kind: connections.kind, status: connections.status, lastError: connections.lastError })
    .from(connections)
    .where(and(eq(connections.accountId, accountId), inArray(connections.kind, [...kinds])));
}
