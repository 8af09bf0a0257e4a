// The step load, reload and regenerate share: a store-day's snapshot through the engine with the
// active mapping, compared by fingerprint with what was generated and posted before, and the day's
// status set from it (DESIGN §3). Documents waiting to be posted are due after the account's delay.
import { and, eq, isNull, notInArray } from "drizzle-orm";
import { generate, type GenerateOptions } from "../../shared/engine/generate";
import { summarize } from "../../shared/engine/totals";
import type { AccountingDocument } from "../../shared/engine/types";
import { toLocale } from "../../shared/i18n";
import type { PosDay } from "../../shared/schemas/posDay";
import { newId } from "../crypto/random";
import type { Db } from "../db/client";
import { type DayStatus, documents } from "../db/schema";
import type { Deps } from "../deps";
import type { Account } from "../repos/accounts";
import type { Execution } from "../repos/executions";
import type { ActiveMapping } from "../repos/mappings";
import { type StoreDay, updateStoreDay } from "../repos/storeDays";
import { cachedChartAccounts } from "./ledgerChart";

export interface GenerationInput {
  account: Account;
  day: StoreDay;
  posDay: PosDay;
  snapshotId: string;
  mapping: ActiveMapping | undefined;
  execution: Execution;
}

export interface GenerationOutcome {
  status: DayStatus;
  /** The documents differ from the day's previous generation. */
  changed: boolean;
}

/** Waiting statuses: the posting queue sends them when due. */
const WAITING: DayStatus[] = ["queued", "update"];

export async function generateInto(
  deps: Pick<Deps, "db" | "clock">,
  input: GenerationInput,
): Promise<GenerationOutcome> {
  const { db, clock } = deps;
  const { account, day, posDay, snapshotId, mapping, execution } = input;
  const totals = summarize(posDay);
  const common = { snapshotId, netSales: totals.netSales, totals, updatedAt: clock() };

  if (!posDay.closed) {
    await updateStoreDay(db, day.id, {
      ...common,
      status: "open",
      dueAt: null,
      lastError: null,
      problems: null,
    });
    await execution.log("The day is still open in the POS: it will be loaded again once its registers close");
    return { status: "open", changed: false };
  }
  if (!mapping) {
    await updateStoreDay(db, day.id, {
      ...common,
      status: "hold",
      dueAt: null,
      lastError: "mapping_inactive",
    });
    await execution.warn("On hold: the mapping is not active yet");
    return { status: "hold", changed: false };
  }

  const result = generate(posDay, mapping.mapping, await generationOptions(deps, account));
  const fingerprints = fingerprintsOf(result.documents);
  const changed = !sameFingerprints(day.fingerprints, fingerprints);
  const status = await nextStatus(db, day, result.status, result.documents);
  // Waiting output keeps its due time; new or changed output waits the account's posting delay.
  const keepsDueTime = WAITING.includes(status) && day.status === status && !changed && day.dueAt !== null;
  const dueAt = !WAITING.includes(status)
    ? null
    : keepsDueTime
      ? day.dueAt
      : clock() + account.postingDelayMinutes * 60_000;
  await saveDocuments(db, account.id, day.id, result.documents, clock());
  await updateStoreDay(db, day.id, {
    ...common,
    status,
    fingerprints,
    problems: result.problems,
    mappingVersion: mapping.version,
    dueAt,
    lastError: null,
  });
  await execution.log(
    `Generated with mapping v${mapping.version}: ${status}${changed ? "" : " (unchanged)"}`,
    {
      documents: result.documents.map((doc) => ({
        kind: doc.kind,
        fingerprint: doc.fingerprint,
        total: doc.total,
      })),
      problems: result.problems.length,
      changed,
    },
  );
  return { status, changed };
}

/** What the engine is given besides the day and the mapping: the account's language, the cached chart.
 *  The mapping preview uses it too, so it shows what generation then produces. */
export async function generationOptions(
  deps: Pick<Deps, "db">,
  account: Pick<Account, "id" | "locale">,
): Promise<GenerateOptions> {
  return { locale: toLocale(account.locale), chart: await cachedChartAccounts(deps, account.id) };
}

/** {document kind: fingerprint}, as store-days keep them. */
export function fingerprintsOf(output: AccountingDocument[]): Record<string, string> {
  return Object.fromEntries(output.map((doc) => [doc.kind, doc.fingerprint]));
}

export function sameFingerprints(
  before: Record<string, string> | null,
  after: Record<string, string>,
): boolean {
  const earlier = before ?? {};
  const kinds = new Set([...Object.keys(earlier), ...Object.keys(after)]);
  return [...kinds].every((kind) => earlier[kind] === after[kind]);
}

/**
 * `ready` output waits in the posting queue, unless it was posted before: then it is `update` when
 * anything posted differs, and stays `posted` when the ledger already holds exactly this.
 */
async function nextStatus(
  db: Db,
  day: StoreDay,
  generated: "ready" | "empty" | "hold" | "out_of_balance",
  output: AccountingDocument[],
): Promise<DayStatus> {
  if (generated !== "ready") return generated;
  const posted = await db
    .select({ kind: documents.kind, postedFingerprint: documents.postedFingerprint })
    .from(documents)
    .where(eq(documents.storeDayId, day.id));
  const postedKinds = posted.filter((doc) => doc.postedFingerprint !== null);
  if (postedKinds.length === 0) return "queued";
  const identical =
    postedKinds.length === output.length &&
    output.every((doc) =>
      postedKinds.some((p) => p.kind === doc.kind && p.postedFingerprint === doc.fingerprint),
    );
  return identical ? "posted" : "update";
}

/** The day's current documents; a kind no longer produced is dropped unless the ledger holds it. */
async function saveDocuments(
  db: Db,
  accountId: string,
  storeDayId: string,
  output: AccountingDocument[],
  now: number,
) {
  const kinds = output.map((doc) => doc.kind);
  const upserts = output.map((doc) =>
    db
      .insert(documents)
      .values({
        id: newId(),
        accountId,
        storeDayId,
        kind: doc.kind,
        fingerprint: doc.fingerprint,
        body: doc,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [documents.storeDayId, documents.kind],
        set: { fingerprint: doc.fingerprint, body: doc, updatedAt: now },
      }),
  );
  const stale = db
    .delete(documents)
    .where(
      and(
        eq(documents.storeDayId, storeDayId),
        isNull(documents.postedFingerprint),
        kinds.length ? notInArray(documents.kind, kinds) : undefined,
      ),
    );
  await db.batch([stale, ...upserts]);
}
