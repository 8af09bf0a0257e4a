// Mapping versions of an account; exactly one is active once the merchant has set it up.
import { and, eq } from "drizzle-orm";
import { type Mapping, parseMapping } from "../../shared/schemas/mapping";
import type { Db } from "../db/client";
import { mappings } from "../db/schema";

export interface ActiveMapping {
  version: number;
  mapping: Mapping;
}

export async function activeMapping(db: Db, accountId: string): Promise<ActiveMapping | undefined> {
  const row = await db
    .select()
    .from(mappings)
    .where(and(eq(mappings.accountId, accountId), eq(mappings.status, "active")))
    .get();
  if (!row) return undefined;
  const parsed = parseMapping(row.body);
  if (!parsed.ok) throw new Error(`active mapping v${row.version} of account ${accountId} is invalid`);
  return { version: row.version, mapping: parsed.value };
}
