// OAuth tokens of a connection (the POS, QuickBooks, Xero): sealed storage, refresh with rotation,
// revoke. Providers rotate refresh tokens, so every refresh stores the new one, and two refreshes
// racing with the same refresh token must not lose the winner's tokens: the write is conditional on
// the refresh token read, and the loser takes what the winner stored.
import { z } from "zod";
import type { Db } from "../db/client";
import type { Deps } from "../deps";
import { openSecret, sealSecret } from "../crypto/secretBox";
import {
  type ConnectionKind,
  findConnection,
  markReconnectRequired,
  replaceRefreshedTokens,
  type Connection,
  type SealedTokens,
} from "../repos/connections";

export type TokenDeps = Pick<Deps, "env" | "db" | "clock" | "fetch">;

/** Refresh when the access token expires within this margin. */
export const REFRESH_MARGIN_MS = 5 * 60_000;
/** How long a refused refresh waits for a concurrent winner's write: 5 looks, 100 ms apart. */
const RACE_SETTLE_ATTEMPTS = 5;
const RACE_SETTLE_DELAY_MS = 100;

export type TokenGrant =
  | { grant_type: "authorization_code"; code: string; code_verifier?: string; redirect_uri: string }
  | { grant_type: "refresh_token"; refresh_token: string };

export const TokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().int().positive(),
  token_type: z.string().regex(/^bearer$/i, "must be Bearer"),
  scope: z.string().optional(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

export type TokenResult =
  | { ok: true; tokens: TokenResponse }
  /** The provider refused the grant (400/401: expired, replayed, revoked): asking again will not help. */
  | { ok: false; error: string };

/** Who issues a connection's tokens, and how its refusals are reported. */
export interface TokenProvider {
  kind: ConnectionKind;
  /** What the merchant reconnects: "Daybook to the POS", "QuickBooks", "Xero". */
  reconnect: string;
  request(grant: TokenGrant): Promise<TokenResult>;
  authError(message: string): Error;
}

/** The body of a token endpoint's answer: the tokens, or the refusal of a 400/401. */
export async function readTokenAnswer(
  response: Response,
  unavailable: (message: string) => Error,
  invalid: (message: string) => Error,
  who: string,
): Promise<TokenResult> {
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 400 || response.status === 401) {
    const error = z.object({ error: z.string() }).safeParse(body);
    return { ok: false, error: error.success ? error.data.error : `http_${response.status}` };
  }
  if (!response.ok) throw unavailable(`the ${who} token endpoint answered ${response.status}`);
  const parsed = TokenResponse.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(`the ${who} token response is invalid: ${issue?.path.join(".")} ${issue?.message}`);
  }
  return { ok: true, tokens: parsed.data };
}

/** The token response sealed for the connections table; a provider that did not rotate keeps `keepRefreshToken`. */
export async function sealTokens(
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

/** Credentials over the account's connection of `provider.kind`. */
export function connectionCredentials(deps: TokenDeps, accountId: string, provider: TokenProvider) {
  let refreshing: Promise<string> | undefined;
  // One refresh at a time per adapter; other instances are handled by the conditional write.
  const refresh = () => {
    refreshing ??= refreshTokens(deps, accountId, provider).finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  };
  return {
    async accessToken() {
      const connection = await connected(deps.db, accountId, provider);
      if (connection.expiresAt !== null && connection.expiresAt - deps.clock() <= REFRESH_MARGIN_MS) {
        return refresh();
      }
      return openSecret(deps.env.tokenEncryptionKey, connection.accessToken);
    },
    refresh,
    async revoke(reason: string) {
      await markReconnectRequired(deps.db, accountId, provider.kind, reason, deps.clock());
    },
  };
}

async function connected(
  db: Db,
  accountId: string,
  provider: TokenProvider,
): Promise<Connection & { accessToken: string }> {
  const connection = await findConnection(db, accountId, provider.kind);
  if (!connection || connection.accessToken === null || connection.status === "disconnected") {
    throw provider.authError(`not connected: reconnect ${provider.reconnect}`);
  }
  if (connection.status === "reconnect_required") {
    throw provider.authError(connection.lastError ?? `reconnect ${provider.reconnect}`);
  }
  return { ...connection, accessToken: connection.accessToken };
}

async function refreshTokens(deps: TokenDeps, accountId: string, provider: TokenProvider): Promise<string> {
  const { db, env, clock } = deps;
  const connection = await connected(db, accountId, provider);
  const sealedRefresh = connection.refreshToken;
  if (sealedRefresh === null) {
    const reason = `no refresh token: reconnect ${provider.reconnect}`;
    await markReconnectRequired(db, accountId, provider.kind, reason, clock());
    throw provider.authError(reason);
  }
  const refreshToken = await openSecret(env.tokenEncryptionKey, sealedRefresh);
  const result = await provider.request({ grant_type: "refresh_token", refresh_token: refreshToken });

  if (!result.ok) {
    // The refusal may only mean that a concurrent refresh spent this refresh token a moment ago:
    // give its winner time to store the new tokens before concluding that access was revoked.
    const winner = await tokensOfConcurrentRefresh(
      deps,
      accountId,
      provider,
      sealedRefresh,
      RACE_SETTLE_ATTEMPTS,
    );
    if (winner !== undefined) return winner;
    const reason = `access was refused at refresh (${result.error}): reconnect ${provider.reconnect}`;
    await markReconnectRequired(db, accountId, provider.kind, reason, clock(), sealedRefresh);
    throw provider.authError(reason);
  }
  const sealed = await sealTokens(deps, result.tokens, sealedRefresh);
  if (await replaceRefreshedTokens(db, accountId, provider.kind, sealedRefresh, sealed, clock())) {
    return result.tokens.access_token;
  }
  // Not written: the refresh token changed meanwhile (another refresh won, or the tokens were purged).
  const winner = await tokensOfConcurrentRefresh(deps, accountId, provider, sealedRefresh, 0);
  if (winner === undefined)
    throw provider.authError(`disconnected during the refresh: reconnect ${provider.reconnect}`);
  return winner;
}

/** The access token another refresh stored in place of `sealedRefresh`, if one did; while the row is
 *  unchanged, looks again up to `attempts` times, RACE_SETTLE_DELAY_MS apart. */
async function tokensOfConcurrentRefresh(
  deps: TokenDeps,
  accountId: string,
  provider: TokenProvider,
  sealedRefresh: string,
  attempts: number,
): Promise<string | undefined> {
  for (let attempt = 0; ; attempt++) {
    const current = await findConnection(deps.db, accountId, provider.kind);
    if (current?.refreshToken !== sealedRefresh) {
      const replaced = current?.status === "connected" && current.accessToken !== null;
      return replaced ? openSecret(deps.env.tokenEncryptionKey, current.accessToken!) : undefined;
    }
    if (attempt >= attempts) return undefined;
    await new Promise((resolve) => setTimeout(resolve, RACE_SETTLE_DELAY_MS));
  }
}
