// The ledger client of an account: the adapter of its connected ledger over the stored tokens.
import { ledgerCredentials, ledgerSettings } from "../auth/ledgerTokens";
import type { Deps } from "../deps";
import { findConnection } from "../repos/connections";
import { LedgerAuthError, LEDGER_KINDS, type LedgerClient, type LedgerKind } from "./port";
import { createQboClient } from "./qbo/client";
import { createXeroClient } from "./xero/client";

type LedgerDeps = Pick<Deps, "env" | "db" | "clock" | "fetch">;

/** The account's connected ledger and its company/organisation id, if any. */
export async function connectedLedger(
  deps: Pick<Deps, "db">,
  accountId: string,
): Promise<{ kind: LedgerKind; companyId: string } | undefined> {
  for (const kind of LEDGER_KINDS) {
    const connection = await findConnection(deps.db, accountId, kind);
    if (connection?.status === "connected" && connection.externalId)
      return { kind, companyId: connection.externalId };
  }
  return undefined;
}

/** Throws LedgerAuthError, naming what to do, when no ledger is connected. */
export async function ledgerClientFor(deps: LedgerDeps, accountId: string): Promise<LedgerClient> {
  const ledger = await connectedLedger(deps, accountId);
  if (!ledger) throw new LedgerAuthError("no ledger is connected: connect QuickBooks Online or Xero");
  const { apiUrl } = ledgerSettings(deps, ledger.kind);
  const credentials = ledgerCredentials(deps, accountId, ledger.kind);
  const common = { apiUrl, credentials, fetch: deps.fetch, clock: deps.clock };
  return ledger.kind === "qbo"
    ? createQboClient({ ...common, realmId: ledger.companyId })
    : createXeroClient({ ...common, tenantId: ledger.companyId });
}
