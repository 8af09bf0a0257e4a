// A ledger connection's OAuth tokens (QuickBooks Online, Xero): their token endpoints take a form
// body with the client authenticated by HTTP Basic, and both rotate refresh tokens.
import type { Deps } from "../deps";
import type { LedgerEnv } from "../env";
import { toBase64 } from "../crypto/base64";
import {
  LedgerAuthError,
  type LedgerCredentials,
  type LedgerKind,
  LedgerUnavailableError,
} from "../ledger/port";
import {
  connectionCredentials,
  readTokenAnswer,
  type TokenDeps,
  type TokenGrant,
  type TokenResult,
} from "./connectionTokens";

export const LEDGER_NAMES: Record<LedgerKind, string> = { qbo: "QuickBooks", xero: "Xero" };

/** The ledger's settings, or a LedgerAuthError when this deployment does not offer it. */
export function ledgerSettings(deps: Pick<Deps, "env">, kind: LedgerKind): LedgerEnv {
  const settings = deps.env.ledgers[kind];
  if (!settings) throw new LedgerAuthError(`${LEDGER_NAMES[kind]} is not configured on this Daybook server`);
  return settings;
}

export async function requestLedgerTokens(
  deps: Pick<Deps, "env" | "fetch">,
  kind: LedgerKind,
  grant: TokenGrant,
): Promise<TokenResult> {
  const settings = ledgerSettings(deps, kind);
  const basic = toBase64(new TextEncoder().encode(`${settings.clientId}:${settings.clientSecret}`));
  let response: Response;
  try {
    response = await deps.fetch(settings.tokenUrl, {
      method: "POST",
      headers: {
        authorization: `Basic ${basic}`,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      },
      body: new URLSearchParams(grant as Record<string, string>),
    });
  } catch (error) {
    throw new LedgerUnavailableError(
      `the ${LEDGER_NAMES[kind]} token endpoint cannot be reached: ${String(error)}`,
    );
  }
  const unavailable = (message: string) => new LedgerUnavailableError(message);
  return readTokenAnswer(response, unavailable, unavailable, LEDGER_NAMES[kind]);
}

export function ledgerCredentials(deps: TokenDeps, accountId: string, kind: LedgerKind): LedgerCredentials {
  return connectionCredentials(deps, accountId, {
    kind,
    reconnect: LEDGER_NAMES[kind],
    request: (grant) => requestLedgerTokens(deps, kind, grant),
    authError: (message) => new LedgerAuthError(message),
  });
}
