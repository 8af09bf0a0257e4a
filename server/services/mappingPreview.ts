// The mapping preview (seed 002's Preview): a loaded day through the draft (or unsaved edits) and through
// the active mapping, with the account's language and cached chart as generation uses them, so that it
// shows what Regenerate then produces; and which recent days the draft would change.
import type { GeneratedView, MappingPreview } from "../../shared/api";
import { generate, type GenerateOptions } from "../../shared/engine/generate";
import type { GenerateResult } from "../../shared/engine/types";
import type { Mapping } from "../../shared/schemas/mapping";
import { parsePosDay } from "../../shared/schemas/posDay";
import type { Deps } from "../deps";
import type { Account } from "../repos/accounts";
import { activeMapping } from "../repos/mappings";
import { type LoadedDay, listLoadedDays } from "../repos/storeDays";
import { findStore } from "../repos/stores";
import { fingerprintsOf, generationOptions, sameFingerprints } from "./generateDay";
import { draftMapping } from "./mapping";

/** How many recent loaded store-days the preview compares. */
export const PREVIEW_COMPARED_DAYS = 14;

/** A loaded day's snapshot through the engine with a mapping. */
export function generateLoaded(
  loaded: LoadedDay,
  mapping: Mapping,
  options: GenerateOptions,
): GenerateResult {
  const parsed = parsePosDay(loaded.snapshot.body);
  if (!parsed.ok)
    throw new Error(
      `the snapshot of ${loaded.day.storeId}/${loaded.day.salesDate} cannot be read: ${parsed.errors[0]?.path}`,
    );
  return generate(parsed.value, mapping, options);
}

/** The loaded days whose documents the mapping changes: their fingerprints differ from the stored ones. */
export function daysChangedBy(days: LoadedDay[], mapping: Mapping, options: GenerateOptions): LoadedDay[] {
  return days.filter((loaded) => {
    const result = generateLoaded(loaded, mapping, options);
    return !sameFingerprints(loaded.day.fingerprints, fingerprintsOf(result.documents));
  });
}

function generatedView(result: GenerateResult): GeneratedView {
  const { status, documents, problems } = result;
  return { status, documents, problems };
}

export interface PreviewRequest {
  storeId?: string;
  date?: string;
  /** Unsaved edits; the draft when absent. */
  mapping?: Mapping;
}

export type PreviewOutcome =
  { ok: true; preview: MappingPreview } | { ok: false; missing: "store" | "store-day" };

export async function previewMapping(
  deps: Pick<Deps, "db">,
  account: Account,
  request: PreviewRequest,
): Promise<PreviewOutcome> {
  const { db } = deps;
  if (request.storeId && !(await findStore(db, account.id, request.storeId)))
    return { ok: false, missing: "store" };
  const [candidate, active, [day], recent, options] = await Promise.all([
    request.mapping ?? draftMapping(deps, account.id).then((draft) => draft?.mapping),
    activeMapping(db, account.id).then((found) => found?.mapping),
    listLoadedDays(db, account.id, { storeId: request.storeId, salesDate: request.date, limit: 1 }),
    listLoadedDays(db, account.id, { limit: PREVIEW_COMPARED_DAYS }),
    generationOptions(deps, account),
  ]);
  if (!day && request.date) return { ok: false, missing: "store-day" };

  const view = (mapping: Mapping | undefined) =>
    day && mapping ? generatedView(generateLoaded(day, mapping, options)) : null;
  const changed = candidate ? daysChangedBy(recent, candidate, options) : [];
  return {
    ok: true,
    preview: {
      day: day ? { storeId: day.day.storeId, salesDate: day.day.salesDate } : null,
      draft: view(candidate),
      active: view(active),
      changedDays: changed.map(({ day }) => ({ storeId: day.storeId, salesDate: day.salesDate })),
      comparedDays: candidate ? recent.length : 0,
    },
  };
}
