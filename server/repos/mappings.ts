// Mapping versions of an account; exactly one is active once the merchant has set it up, at most one
// is the draft being edited, the others are archived.
import { and, desc, eq, max, sql } from "drizzle-orm";
import { type Mapping, parseMapping } from "../../shared/schemas/mapping";
import { newId } from "../crypto/random";
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

export type MappingRow = typeof mappings.$inferSelect;

const METADATA = {
  version: mappings.version,
  status: mappings.status,
  createdAt: mappings.createdAt,
  activatedAt: mappings.activatedAt,
  createdBy: mappings.createdBy,
};

/** Every version's metadata, newest first. */
export function listMappingVersions(db: Db, accountId: string) {
  return db
    .select(METADATA)
    .from(mappings)
    .where(eq(mappings.accountId, accountId))
    .orderBy(desc(mappings.version));
}

/** One version of the account's mapping, by number or by status (the draft, the active one). */
export function findMapping(
  db: Db,
  accountId: string,
  by: { version: number } | { status: "draft" | "active" },
): Promise<MappingRow | undefined> {
  return db
    .select()
    .from(mappings)
    .where(
      and(
        eq(mappings.accountId, accountId),
        "version" in by ? eq(mappings.version, by.version) : eq(mappings.status, by.status),
      ),
    )
    .orderBy(desc(mappings.version))
    .get();
}

/**
 * Saves the account's single draft: updated in place, or created with the next version number. Two
 * first saves at once both aim at the same number: the second meets the unique version and updates the
 * draft the first created.
 */
export async function saveDraft(
  db: Db,
  draft: { accountId: string; body: Mapping; createdBy: string; now: number },
): Promise<MappingRow> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const [updated] = await db
      .update(mappings)
      .set({ body: draft.body })
      .where(and(eq(mappings.accountId, draft.accountId), eq(mappings.status, "draft")))
      .returning();
    if (updated) return updated;
    const [latest] = await db
      .select({ version: max(mappings.version) })
      .from(mappings)
      .where(eq(mappings.accountId, draft.accountId));
    const [created] = await db
      .insert(mappings)
      .values({
        id: newId(),
        accountId: draft.accountId,
        version: (latest?.version ?? 0) + 1,
        status: "draft",
        body: draft.body,
        createdBy: draft.createdBy,
        createdAt: draft.now,
      })
      .onConflictDoNothing()
      .returning();
    if (created) return created;
  }
  throw new Error(`the mapping draft of account ${draft.accountId} could not be saved`);
}

/**
 * Unexecuted statements: the draft becomes the active version and the active one is archived. The
 * archive only happens while the draft is still a draft, so two activations at once leave one active.
 * The second statement returns the activated row (none when the draft was activated meanwhile).
 */
export function activationStatements(db: Db, accountId: string, draftId: string, now: number) {
  const archive = db
    .update(mappings)
    .set({ status: "archived" })
    .where(
      and(
        eq(mappings.accountId, accountId),
        eq(mappings.status, "active"),
        sql`exists (select 1 from ${mappings} as d where d.id = ${draftId} and d.status = 'draft')`,
      ),
    );
  const activate = db
    .update(mappings)
    .set({ status: "active", activatedAt: now })
    .where(and(eq(mappings.id, draftId), eq(mappings.accountId, accountId), eq(mappings.status, "draft")))
    .returning();
  return [archive, activate] as const;
}
