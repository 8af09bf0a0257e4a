// What the sandbox email provider received, kept in the sandbox_emails table: stored once per
// idempotency key (a repeated key gets the first email back), listed newest first.
import { desc, eq, sql } from "drizzle-orm";
import type { Clock } from "../../clock";
import { newId } from "../../crypto/random";
import type { Db } from "../../db/client";
import { sandboxEmails } from "../../db/schema";

export interface OutboxEmail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  idempotencyKey: string | null;
  /** Milliseconds since the epoch. */
  receivedAt: number;
}

export type NewEmail = Pick<OutboxEmail, "from" | "to" | "subject" | "text" | "idempotencyKey">;

/** The most the outbox lists. */
const OUTBOX_LIMIT = 200;

export function createOutbox(db: Db, clock: Clock) {
  return {
    /** Stores the email unless its idempotency key was seen; answers the id of the email the key names. */
    async accept(email: NewEmail): Promise<{ id: string; replayed: boolean }> {
      const id = newId();
      // The key's unique index settles two sends racing with one key: one row, one id for both.
      await db
        .insert(sandboxEmails)
        .values({ id, ...email, receivedAt: clock() })
        .onConflictDoNothing({ target: sandboxEmails.idempotencyKey });
      if (email.idempotencyKey === null) return { id, replayed: false };
      const first = await db
        .select({ id: sandboxEmails.id })
        .from(sandboxEmails)
        .where(eq(sandboxEmails.idempotencyKey, email.idempotencyKey))
        .get();
      const firstId = first?.id ?? id;
      return { id: firstId, replayed: firstId !== id };
    },

    /** The latest emails, newest first. */
    list(): Promise<OutboxEmail[]> {
      return db
        .select()
        .from(sandboxEmails)
        .orderBy(desc(sandboxEmails.receivedAt), sql`rowid desc`)
        .limit(OUTBOX_LIMIT);
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
