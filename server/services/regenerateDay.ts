// Regenerate (DESIGN §7): the store-day's stored snapshot through today's active mapping, with no POS
// call. Only a day whose output changed moves (`queued`, or `update` when it was posted).
import { desc, eq } from "drizzle-orm";
import { parsePosDay } from "../../shared/schemas/posDay";
import { snapshots, type Trigger } from "../db/schema";
import type { Deps } from "../deps";
import { findAccount } from "../repos/accounts";
import { startExecution } from "../repos/executions";
import { activeMapping } from "../repos/mappings";
import { findStoreDay } from "../repos/storeDays";
import { type GenerationOutcome, generateInto } from "./generateDay";

export interface RegenerateRequest {
  accountId: string;
  storeId: string;
  salesDate: string;
  trigger: Trigger;
  actor?: string;
  /** The bulk job the regeneration belongs to. */
  jobId?: string;
}

export type RegenerateOutcome =
  ({ regenerated: true } & GenerationOutcome) | { regenerated: false; reason: "not_installed" | "no_data" };

export async function regenerateStoreDay(
  deps: Pick<Deps, "db" | "clock">,
  request: RegenerateRequest,
): Promise<RegenerateOutcome> {
  const { db, clock } = deps;
  const account = await findAccount(db, request.accountId);
  if (account?.status !== "installed") return { regenerated: false, reason: "not_installed" };
  const day = await findStoreDay(db, request);
  const snapshot = day?.snapshotId
    ? await db
        .select()
        .from(snapshots)
        .where(eq(snapshots.id, day.snapshotId))
        .orderBy(desc(snapshots.fetchedAt))
        .get()
    : undefined;
  if (!day || !snapshot) return { regenerated: false, reason: "no_data" };
  const parsed = parsePosDay(snapshot.body);
  if (!parsed.ok)
    throw new Error(`the snapshot of ${request.salesDate} cannot be read: ${parsed.errors[0]?.path}`);

  const execution = await startExecution(db, clock, {
    ...request,
    accountId: account.id,
    action: "regenerate",
  });
  const mapping = await activeMapping(db, account.id);
  const outcome = await generateInto(deps, {
    account,
    day,
    posDay: parsed.value,
    snapshotId: snapshot.id,
    mapping,
    execution,
  });
  await execution.succeed();
  return { regenerated: true, ...outcome };
}
