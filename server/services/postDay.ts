// Post a store-day's documents to the connected ledger, exactly once each (DESIGN §7 Post): every
// write carries an idempotency key derived from store, date, kind and fingerprint, so a crash between
// the ledger's answer and our record makes the retry return the same object; a document the ledger
// already holds is updated in place, never created again; unchanged documents are not sent.
import { and, asc, eq, inArray, lt, or } from "drizzle-orm";
import { fingerprintOf } from "../../shared/engine/fingerprint";
import type { AccountingDocument } from "../../shared/engine/types";
import { type DayStatus, documents, storeDays, type Trigger } from "../db/schema";
import type { Deps } from "../deps";
import {
  LedgerAuthError,
  type LedgerClient,
  LedgerUnavailableError,
  LedgerValidationError,
} from "../ledger/port";
import { RetryLater } from "../queue/port";
import { findAccount } from "../repos/accounts";
import { startExecution } from "../repos/executions";
import { findStoreDay } from "../repos/storeDays";

export interface PostDayRequest {
  accountId: string;
  storeId: string;
  salesDate: string;
  trigger: Trigger;
  actor?: string;
}

export type PostOutcome =
  | { posted: true; sent: number; unchanged: number }
  | { posted: false; status: DayStatus | "missing" | "not_installed"; reason?: string };

/** A day left `posting` this long ago belongs to a run that died: it may be taken again. */
export const POSTING_LEASE_MS = 10 * 60_000;
const POSTABLE: DayStatus[] = ["queued", "update", "failed"];

/** The key of one write of one document content: at most 40 hex characters, as every ledger accepts. */
export function idempotencyKeyOf(
  storeId: string,
  salesDate: string,
  kind: string,
  fingerprint: string,
): string {
  return fingerprintOf({ storeId, salesDate, kind, fingerprint }).slice(0, 40);
}

export async function postStoreDay(
  deps: Pick<Deps, "db" | "clock">,
  ledgerClient: (accountId: string) => Promise<LedgerClient>,
  request: PostDayRequest,
): Promise<PostOutcome> {
  const { db, clock } = deps;
  const account = await findAccount(db, request.accountId);
  if (account?.status !== "installed") return { posted: false, status: "not_installed" };
  const day = await findStoreDay(db, request);
  if (!day) return { posted: false, status: "missing" };

  const now = clock();
  const [claimed] = await db
    .update(storeDays)
    .set({ status: "posting", updatedAt: now })
    .where(
      and(
        eq(storeDays.id, day.id),
        or(
          inArray(storeDays.status, POSTABLE),
          and(eq(storeDays.status, "posting"), lt(storeDays.updatedAt, now - POSTING_LEASE_MS)),
        ),
      ),
    )
    .returning({ id: storeDays.id });
  if (!claimed) return { posted: false, status: day.status };
  // What the day goes back to when the ledger cannot be reached now.
  const waiting: DayStatus = day.status === "update" ? "update" : "queued";
  const setDay = (values: Partial<typeof storeDays.$inferInsert>) =>
    db
      .update(storeDays)
      .set({ ...values, updatedAt: clock() })
      .where(eq(storeDays.id, day.id));

  const execution = await startExecution(db, clock, {
    accountId: account.id,
    action: "post",
    trigger: request.trigger,
    actor: request.actor,
    storeId: request.storeId,
    salesDate: request.salesDate,
  });
  let sent = 0;
  let unchanged = 0;
  try {
    const client = await ledgerClient(account.id);
    const rows = await db
      .select()
      .from(documents)
      .where(and(eq(documents.accountId, account.id), eq(documents.storeDayId, day.id)))
      .orderBy(asc(documents.kind));
    for (const row of rows) {
      const document = row.body as AccountingDocument;
      if (row.ledgerId && row.postedFingerprint === row.fingerprint) {
        unchanged++;
        await execution.log(`${row.kind} is already in ${client.kind} as ${row.ledgerId}: unchanged`);
        continue;
      }
      const idempotencyKey = idempotencyKeyOf(request.storeId, request.salesDate, row.kind, row.fingerprint);
      const existing = row.ledgerId ? { ledgerId: row.ledgerId, syncToken: row.ledgerSyncToken } : undefined;
      const result = await client.post({ document, idempotencyKey, existing });
      await db
        .update(documents)
        .set({
          ledger: client.kind,
          ledgerId: result.ledgerId,
          ledgerSyncToken: result.syncToken ?? null,
          idempotencyKey,
          postedFingerprint: row.fingerprint,
          postedAt: clock(),
          updatedAt: clock(),
        })
        .where(eq(documents.id, row.id));
      sent++;
      await execution.log(
        `${existing ? "Updated" : "Created"} ${row.kind} in ${client.kind}: ${result.reference} (total ${document.total})`,
        { ledgerId: result.ledgerId, idempotencyKey },
      );
    }
  } catch (error) {
    await execution.fail(error);
    if (error instanceof LedgerValidationError) {
      const target = error.target?.account ?? error.target?.item;
      await setDay({
        status: "failed",
        lastError: target ? `${error.message} (mapped: ${target})` : error.message,
      });
      return { posted: false, status: "failed", reason: error.message };
    }
    if (error instanceof LedgerAuthError) {
      // The day keeps waiting (not `hold`): reconnecting is all it takes, and the connection's own
      // `reconnect_required` status is what the merchant is shown.
      await setDay({ status: waiting, lastError: `ledger_reconnect_required: ${error.message}` });
      return { posted: false, status: waiting, reason: error.message };
    }
    await setDay({ status: waiting });
    if (error instanceof LedgerUnavailableError && error.retryAfterSeconds !== undefined)
      throw new RetryLater(error.retryAfterSeconds, error.message);
    throw error;
  }
  await setDay({ status: "posted", dueAt: null, lastError: null });
  await execution.succeed();
  return { posted: true, sent, unchanged };
}
