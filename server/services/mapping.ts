// The account's mapping versions (DESIGN §5): the active one, the draft being edited (at most one), the
// archived ones, and the advice on the draft against the cached chart (seed 002).
import type { MappingAdvice, MappingState, MappingVersionView } from "../../shared/api";
import { adviseMapping } from "../../shared/mappingAdvice";
import { type Mapping, parseMapping } from "../../shared/schemas/mapping";
import type { Deps } from "../deps";
import { findMapping, listMappingVersions, type MappingRow, saveDraft } from "../repos/mappings";
import { cachedLedgerChart } from "./ledgerChart";

export type MappingVersion = MappingVersionView & { mapping: Mapping };

export function versionView(row: Omit<MappingRow, "id" | "accountId" | "body">): MappingVersionView {
  const { version, status, createdAt, activatedAt, createdBy } = row;
  return { version, status, createdAt, activatedAt, createdBy };
}

function withBody(row: MappingRow): MappingVersion {
  const parsed = parseMapping(row.body);
  if (!parsed.ok)
    throw new Error(
      `mapping v${row.version} of account ${row.accountId} is invalid: ${parsed.errors[0]?.path}`,
    );
  return { ...versionView(row), mapping: parsed.value };
}

/** One version with its body, if the account has it. */
export async function mappingVersion(
  deps: Pick<Deps, "db">,
  accountId: string,
  version: number,
): Promise<MappingVersion | undefined> {
  const row = await findMapping(deps.db, accountId, { version });
  return row && withBody(row);
}

export async function draftMapping(deps: Pick<Deps, "db">, accountId: string) {
  const row = await findMapping(deps.db, accountId, { status: "draft" });
  return row && { id: row.id, ...withBody(row) };
}

/** Advice on a mapping against the cached chart; none while no chart was read. */
export async function adviceFor(
  deps: Pick<Deps, "db">,
  accountId: string,
  mapping: Mapping,
): Promise<MappingAdvice[]> {
  const chart = await cachedLedgerChart(deps, accountId);
  return chart ? adviseMapping(mapping, chart) : [];
}

export async function mappingState(deps: Pick<Deps, "db">, accountId: string): Promise<MappingState> {
  const [activeRow, draftRow, versions] = await Promise.all([
    findMapping(deps.db, accountId, { status: "active" }),
    findMapping(deps.db, accountId, { status: "draft" }),
    listMappingVersions(deps.db, accountId),
  ]);
  const active = activeRow ? withBody(activeRow) : null;
  const draft = draftRow ? withBody(draftRow) : null;
  const advised = draft ?? active;
  return {
    active,
    draft,
    versions: versions.map(versionView),
    advice: advised ? await adviceFor(deps, accountId, advised.mapping) : [],
  };
}

/** Saves the mapping as the account's draft (created with the next version, or updated in place). */
export async function saveMappingDraft(
  deps: Pick<Deps, "db" | "clock">,
  request: { accountId: string; mapping: Mapping; userId: string },
): Promise<MappingState> {
  await saveDraft(deps.db, {
    accountId: request.accountId,
    body: request.mapping,
    createdBy: request.userId,
    now: deps.clock(),
  });
  return mappingState(deps, request.accountId);
}
