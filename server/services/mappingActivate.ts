// Activating the draft (seed 002): refused while a target is an accounts receivable account; otherwise
// the draft becomes the active version and the active one is archived, atomically. Changes apply to
// future days: loaded days are left as they are, except those held only because no mapping was active,
// which now go through it. The answer offers to regenerate the recent days the new mapping changes.
import type { ActivationResult } from "../../shared/api";
import type { Mapping } from "../../shared/schemas/mapping";
import type { Deps } from "../deps";
import type { Account } from "../repos/accounts";
import { runAtomically } from "../repos/batch";
import { finishedExecution } from "../repos/executions";
import { activationStatements } from "../repos/mappings";
import { claimPendingLoad, type LoadedDay, listLoadedDays } from "../repos/storeDays";
import { listStores } from "../repos/stores";
import { addDays, localDate } from "../../shared/time";
import { generationOptions } from "./generateDay";
import { sourcesFor } from "./loadDay";
import { adviceFor, draftMapping, versionView } from "./mapping";
import { daysChangedBy } from "./mappingPreview";
import { regenerateStoreDay } from "./regenerateDay";

/** How far back the regenerate offer looks, at most (and never before the sync start date). */
export const OFFER_DAYS_BACK = 90;

export type ActivationOutcome =
  | { ok: true; result: ActivationResult }
  | { ok: false; status: 409 | 422; code: string; message: string; field?: string };

export async function activateDraft(
  deps: Pick<Deps, "db" | "clock" | "queue">,
  request: { account: Account; actor: string },
): Promise<ActivationOutcome> {
  const { db, clock } = deps;
  const { account, actor } = request;
  const draft = await draftMapping(deps, account.id);
  if (!draft) return { ok: false, status: 409, code: "no_draft", message: "there is no draft to activate" };

  const refused = (await adviceFor(deps, account.id, draft.mapping)).find((a) => a.severity === "error");
  if (refused)
    return {
      ok: false,
      status: 422,
      code: "mapping_refused",
      field: refused.path,
      message: `${refused.path}: an accounts receivable account cannot be mapped: use an other current asset account`,
    };

  const now = clock();
  const [, activated] = await db.batch(activationStatements(db, account.id, draft.id, now));
  const [row] = activated;
  if (!row) return { ok: false, status: 409, code: "no_draft", message: "the draft was activated meanwhile" };
  await runAtomically(
    db,
    finishedExecution(
      db,
      clock,
      { accountId: account.id, action: "mapping.activate", trigger: "user", actor },
      [{ level: "info", message: `Activated mapping v${row.version}` }],
    ),
  );

  await releaseHeldDays(deps, account, draft.mapping, actor);
  return {
    ok: true,
    result: { active: versionView(row), regenerate: await regenerateOffer(deps, account, draft.mapping) },
  };
}

/**
 * Days held because no mapping was active go through the new one: regenerated from their snapshot, or
 * reloaded when the snapshot lacks what the mapping books (a load without a mapping fetches sales only).
 */
async function releaseHeldDays(
  deps: Pick<Deps, "db" | "clock" | "queue">,
  account: Account,
  mapping: Mapping,
  actor: string,
) {
  const needed = sourcesFor(mapping);
  const held = await listLoadedDays(deps.db, account.id, { heldForInactiveMapping: true });
  for (const { day, snapshot } of held) {
    // A load already waiting will use the new mapping; a day before the sync start is left alone.
    if (day.reloadPendingSince !== null || day.salesDate < account.syncStartDate) continue;
    const key = { accountId: account.id, storeId: day.storeId, salesDate: day.salesDate };
    const fetched = snapshot.sources.split(",");
    if (needed.every((source) => fetched.includes(source))) {
      await regenerateStoreDay(deps, { ...key, trigger: "user", actor });
      continue;
    }
    if (await claimPendingLoad(deps.db, day.id, deps.clock(), { withDataOnly: true }))
      await deps.queue.send({ type: "day.load", ...key, trigger: "user", reload: true });
  }
}

/** The loaded days from the sync start (90 days back at most) to yesterday that the mapping changes. */
async function regenerateOffer(
  deps: Pick<Deps, "db" | "clock">,
  account: Account,
  mapping: Mapping,
): Promise<ActivationResult["regenerate"]> {
  const now = deps.clock();
  const windows = new Map(
    (await listStores(deps.db, account.id)).map((store) => {
      const today = localDate(now, store.timezone);
      const from = addDays(today, -OFFER_DAYS_BACK);
      return [
        store.id,
        { from: from > account.syncStartDate ? from : account.syncStartDate, to: addDays(today, -1) },
      ];
    }),
  );
  const bounds = [...windows.values()];
  if (bounds.length === 0) return null;
  const from = bounds.reduce((min, w) => (w.from < min ? w.from : min), bounds[0]!.from);
  const to = bounds.reduce((max, w) => (w.to > max ? w.to : max), bounds[0]!.to);
  if (from > to) return null;
  const inWindow = (loaded: LoadedDay) => {
    const window = windows.get(loaded.day.storeId);
    const date = loaded.day.salesDate;
    return !!window && date >= window.from && date <= window.to && loaded.day.reloadPendingSince === null;
  };
  const loaded = (await listLoadedDays(deps.db, account.id, { from, to })).filter(inWindow);
  const changed = daysChangedBy(loaded, mapping, await generationOptions(deps, account));
  if (changed.length === 0) return null;
  const dates = changed.map(({ day }) => day.salesDate).sort();
  return { from: dates[0]!, to: dates[dates.length - 1]!, days: changed.length };
}
