// The account's POS OAuth tokens: the token endpoint, sealed storage, refresh with rotation, revoke.
// Lightspeed rotates refresh tokens (platform-facts §5), so every refresh stores the new one, and two
// refreshes racing with the same refresh token must not lose the winner's tokens: the write is
// conditional on the refresh token read, and the loser takes what the winner stored.
import { z } from "zod";
import type { Db } from "../db/client";
import type { Deps } from "../deps";
import { openSecret, sealSecret } from "../crypto/secretBox";
import { PosAuthError, PosDataError, PosUnavailableError, type PosCredentials } from "../pos/port";
import {
  findConnection,
  markReconnectRequired,
  purgeConnectionTokens,
  replaceRefreshedTokens,
  type Connection,
  type SealedTokens,
} from "../repos/connections";

type TokenDeps = Pick<Deps, "env" | "db" | "clock" | "fetch">;

/** Refresh when the access token expires within this margin. */
export const REFRESH_MARGIN_MS = 5 * 60_000;
/** How long a refused refresh waits for a concurrent winner's write: 5 looks, 100 ms apart. */
const RACE_SETTLE_ATTEMPTS = 5;
const RACE_SETTLE_DELAY_MS = 100;

export type TokenGrant =
  | { grant_type: "authorization_code"; code: string; code_verifier: string; redirect_uri: string }
  | { grant_type: "refresh_token"; refresh_token: string };

const TokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().int().positive(),
  token_type: z.string().regex(/^bearer$/i, "must be Bearer"),
  scope: z.string().optional(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

export type TokenResult =
  | { ok: true; tokens: TokenResponse }
  /** The POS refused the grant (400/401: expired, replayed, revoked): asking again will not help. */
  | { ok: false; error: string };

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
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 400 || response.status === 401) {
    const error = z.object({ error: z.string() }).safeParse(body);
    return { ok: false, error: error.success ? error.data.error : `http_${response.status}` };
  }
  if (!response.ok) throw new PosUnavailableError(`the POS token endpoint answered ${response.status}`);
  const parsed = TokenResponse.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PosDataError(`the POS token response is invalid: ${issue?.path.join(".")} ${issue?.message}`);
  }
  return { ok: true, tokens: parsed.data };
}

/** The token response sealed for the connections table; a POS that did not rotate keeps `keepRefreshToken`. */
export async function sealPosTokens(
  deps: Pick<Deps, "env" | "clock">,
  tokens: TokenResponse,
  keepRefreshToken: string | null = null,
): Promise<SealedTokens> {
  const key = deps.env.tokenEncryptionKey;
  return {
    accessToken: await sealSecret(key, tokens.access_token),
    refreshToken: tokens.refresh_token ? await sealSecret(key, tokens.refresh_token) : keepRefreshToken,
    expiresAt: deps.clock() + tokens.expires_in * 1000,
  };
}

/** The PosCredentials of an account, over its `pos` connection. */
export function posCredentials(deps: TokenDeps, accountId: string): PosCredentials {
  let refreshing: Promise<string> | undefined;
  // One refresh at a time per adapter; other instances are handled by the conditional write.
  const refresh = () => {
    refreshing ??= refreshPosTokens(deps, accountId).finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  };
  return {
    async accessToken() {
      const connection = await connectedPos(deps.db, accountId);
      if (connection.expiresAt !== null && connection.expiresAt - deps.clock() <= REFRESH_MARGIN_MS) {
        return refresh();
      }
      return openSecret(deps.env.tokenEncryptionKey, connection.accessToken);
    },
    refresh,
    async revoke(reason) {
      await markReconnectRequired(deps.db, accountId, "pos", reason, deps.clock());
    },
  };
}

/** Uninstall: forget the POS tokens, the connection becomes `disconnected`. */
export async function purgePosTokens(db: Db, accountId: string, now: number): Promise<void> {
  await purgeConnectionTokens(db, accountId, now, "pos");
}

async function connectedPos(db: Db, accountId: string): Promise<Connection & { accessToken: string }> {
  const connection = await findConnection(db, accountId, "pos");
  if (!connection || connection.accessToken === null || connection.status === "disconnected") {
    throw new PosAuthError("Daybook is not connected to the POS for this account: install it again");
  }
  if (connection.status === "reconnect_required") {
    throw new PosAuthError(connection.lastError ?? "the POS connection must be reconnected");
  }
  return { ...connection, accessToken: connection.accessToken };
}

async function refreshPosTokens(deps: TokenDeps, accountId: string): Promise<string> {
  const { db, env, clock } = deps;
  const connection = await connectedPos(db, accountId);
  const sealedRefresh = connection.refreshToken;
  if (sealedRefresh === null) {
    const reason = "the POS gave no refresh token: reconnect Daybook to the POS";
    await markReconnectRequired(db, accountId, "pos", reason, clock());
    throw new PosAuthError(reason);
  }
  const refreshToken = await openSecret(env.tokenEncryptionKey, sealedRefresh);
  const result = await requestPosTokens(deps, { grant_type: "refresh_token", refresh_token: refreshToken });

  if (!result.ok) {
    // The refusal may only mean that a concurrent refresh spent this refresh token a moment ago:
    // give its winner time to store the new tokens before concluding that access was revoked.
    const winner = await tokensOfConcurrentRefresh(deps, accountId, sealedRefresh, RACE_SETTLE_ATTEMPTS);
    if (winner !== undefined) return winner;
    const reason = `the POS refused to refresh its access (${result.error}): reconnect Daybook to the POS`;
    await markReconnectRequired(db, accountId, "pos", reason, clock(), sealedRefresh);
    throw new PosAuthError(reason);
  }
  const sealed = await sealPosTokens(deps, result.tokens, sealedRefresh);
  if (await replaceRefreshedTokens(db, accountId, "pos", sealedRefresh, sealed, clock())) {
    return result.tokens.access_token;
  }
  // Not written: the refresh token changed meanwhile (another refresh won, or the tokens were purged).
  const winner = await tokensOfConcurrentRefresh(deps, accountId, sealedRefresh, 0);
  if (winner === undefined) throw new PosAuthError("the POS connection was disconnected during the refresh");
  return winner;
}

/** The access token another refresh stored in place of `sealedRefresh`, if one did; while the row is
 *  unchanged, looks again up to `attempts` times, RACE_SETTLE_DELAY_MS apart. */
async function tokensOfConcurrentRefresh(
  deps: TokenDeps,
  accountId: string,
  sealedRefresh: string,
  attempts: number,
): Promise<string | undefined> {
  for (let attempt = 0; ; attempt++) {
    const current = await findConnection(deps.db, accountId, "pos");
    if (current?.refreshToken !== sealedRefresh) {
      const replaced = current?.status === "connected" && current.accessToken !== null;
      return replaced ? openSecret(deps.env.tokenEncryptionKey, current.accessToken!) : undefined;
    }
    if (attempt >= attempts) return undefined;
    await new Promise((resolve) => setTimeout(resolve, RACE_SETTLE_DELAY_MS));
  }
}
