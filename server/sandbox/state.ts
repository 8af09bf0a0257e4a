// The sandbox platform's small persistent state (what a person did in the sandbox), as JSON by key.
import { eq } from "drizzle-orm";
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
