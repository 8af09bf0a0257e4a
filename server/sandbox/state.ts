// The sandbox platform's small persistent state (what a person did in the sandbox), as JSON by key.
import { and, asc, eq, gte, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { sandboxState } from "../db/schema";

export async function readState<T>(db: Db, key: string, fallback: T): Promise<T> {
  const row = await db.select().from(sandboxState).where(eq(sandboxState.key, key)).get();
  return row ? (row.value as T) : fallback;
}

export async function writeState<T>(db: Db, key: string, value: T): Promise<void> {
  await db
    .insert(sandboxState)
    .values({ key, value, updatedAt: Date.now() })
    .onConflictDoUpdate({ target: sandboxState.key, set: { value, updatedAt: Date.now() } });
}

/** Every entry whose key starts with `prefix`, in key order. */
export async function listState<T>(db: Db, prefix: string): Promise<{ key: string; value: T }[]> {
  const rows = await db
    .select()
    .from(sandboxState)
    .where(and(gte(sandboxState.key, prefix), lt(sandboxState.key, `${prefix}\uffff`)))
    .orderBy(asc(sandboxState.key));
  return rows.map((row) => ({ key: row.key, value: row.value as T }));
}
