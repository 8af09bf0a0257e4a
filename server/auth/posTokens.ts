// The account's POS OAuth tokens: Lightspeed's token endpoint (JSON body with the client secret),
// over the generic connection credentials (connectionTokens.ts).
import type { Db } from "../db/client";
import type { Deps } from "../deps";
import { PosAuthError, PosDataError, PosUnavailableError, type PosCredentials } from "../pos/port";
import { purgeConnectionTokens } from "../repos/connections";
import {
  connectionCredentials,
  readTokenAnswer,
  type TokenDeps,
  type TokenGrant,
  type TokenProvider,
  type TokenResult,
} from "./connectionTokens";

export { sealTokens as sealPosTokens, type TokenResponse } from "./connectionTokens";

/** POST {posAuthUrl}/token. Throws PosUnavailableError when the POS cannot be reached or fails, and
 *  PosDataError when it answers 200 with something that is not a token. */
export async function requestPosTokens(
  deps: Pick<Deps, "env" | "fetch">,
  grant: TokenGrant,
): Promise<TokenResult> {
  const { env } = deps;
  let response: Response;
  try {
    response = await deps.fetch(`${env.posAuthUrl}/token`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ client_id: env.posClientId, client_secret: env.posClientSecret, ...grant }),
    });
  } catch (error) {
    throw new PosUnavailableError(`the POS token endpoint cannot be reached: ${String(error)}`);
  }
  return readTokenAnswer(
    response,
    (m) => new PosUnavailableError(m),
    (m) => new PosDataError(m),
    "POS",
  );
}

function posProvider(deps: TokenDeps): TokenProvider {
  return {
    kind: "pos",
    reconnect: "Daybook to the POS",
    request: (grant) => requestPosTokens(deps, grant),
    authError: (message) => new PosAuthError(message),
  };
}

/** The PosCredentials of an account, over its `pos` connection. */
export function posCredentials(deps: TokenDeps, accountId: string): PosCredentials {
  return connectionCredentials(deps, accountId, posProvider(deps));
}

/** Uninstall: forget the POS tokens, the connection becomes `disconnected`. */
export async function purgePosTokens(db: Db, accountId: string, now: number): Promise<void> {
  await purgeConnectionTokens(db, accountId, now, "pos");
}
