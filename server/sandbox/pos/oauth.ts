// The sandbox platform's OAuth server, in Lightspeed's shapes (platform-facts §5): a consent page,
// one-time authorization codes (60 s, bound to the client, the redirect URI and a PKCE S256
// challenge), and a token endpoint that rotates refresh tokens (each refresh returns a new access
// and refresh token; the old refresh token stops working). Access tokens last 1 h. Grants are kept
// with writeState so they survive a restart, and every change runs under a lock so two requests
// racing with the same code or refresh token cannot both win.
import { Hono, type Context } from "hono";
import { html } from "hono/html";
import { z } from "zod";
import type { Clock } from "../../clock";
import { timingSafeEqualText } from "../../crypto/hmac";
import { pkceChallenge, randomHex } from "../../crypto/random";
import type { Db } from "../../db/client";
import { manifest } from "../../manifest";
import { htmlDocument, NARROW_PAGE_STYLE } from "../../pages/document";
import { changeState } from "../lockedState";
import {
  authorizationProblemPage,
  consentRedirect,
  deleteWhere,
  firstIssue,
  liveGrant,
  pruneExpired,
  redeemCode,
  takeRefreshToken,
} from "../oauthGrants";
import { readState } from "../state";
import { SANDBOX_MERCHANTS, merchantById } from "./roster";

export const AUTHORIZATION_CODE_TTL_MS = 60_000;
export const ACCESS_TOKEN_TTL_SECONDS = 3600;
const STATE_KEY = "pos.oauth";

interface Grant {
  accountId: string;
  clientId: string;
  scope: string;
}
interface CodeGrant extends Grant {
  redirectUri: string;
  codeChallenge: string;
  expiresAt: number;
  used: boolean;
}
interface OAuthState {
  codes: Record<string, CodeGrant>;
  accessTokens: Record<string, Grant & { expiresAt: number }>;
  refreshTokens: Record<string, Grant>;
}
const empty = (): OAuthState => ({ codes: {}, accessTokens: {}, refreshTokens: {} });

export interface SandboxPosAuthOptions {
  db: Db;
  clock: Clock;
  clientId: string;
  clientSecret: string;
  /** When given, the only redirect URIs accepted; otherwise any http(s) URL. */
  redirectUris?: string[];
}

/** Runs `work` on the OAuth state after every earlier change on the same database has finished. */
const change = <T>(db: Db, work: (state: OAuthState) => T | Promise<T>): Promise<T> =>
  changeState(db, STATE_KEY, empty, work);

/** The POS account a live access token belongs to, or null (unknown, expired or revoked). */
export async function sandboxAccessTokenOwner(
  db: Db,
  clock: Clock,
  accessToken: string,
): Promise<string | null> {
  const state = await readState<OAuthState>(db, STATE_KEY, empty());
  return liveGrant(state.accessTokens, accessToken, clock())?.accountId ?? null;
}

/** Revokes every code and token of a POS account (the sandbox's uninstall). */
export async function revokeSandboxTokens(db: Db, posAccountId: string): Promise<void> {
  await change(db, (state) => {
    deleteWhere<Grant>(
      [state.codes, state.accessTokens, state.refreshTokens],
      (grant) => grant.accountId === posAccountId,
    );
  });
}

const AuthorizeRequest = z.object({
  response_type: z.literal("code", { error: "must be code" }),
  client_id: z.string({ error: "is required" }),
  redirect_uri: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }),
  scope: z.string().default(""),
  state: z.string().default(""),
  code_challenge: z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/, "must be a PKCE S256 challenge"),
  code_challenge_method: z.literal("S256", { error: "must be S256 (PKCE is required)" }),
});
type AuthorizeRequest = z.infer<typeof AuthorizeRequest>;

const TokenRequest = z.object({
  grant_type: z.string({ error: "is required" }),
  client_id: z.string({ error: "is required" }),
  client_secret: z.string({ error: "is required" }),
  code: z.string().optional(),
  code_verifier: z.string().optional(),
  redirect_uri: z.string().optional(),
  refresh_token: z.string().optional(),
});

export function createSandboxPosAuth(options: SandboxPosAuthOptions): Hono {
  const { db, clock } = options;
  const app = new Hono();

  const validAuthorizeRequest = (
    params: Record<string, unknown>,
  ): { ok: true; request: AuthorizeRequest } | { ok: false; problem: string } => {
    const parsed = AuthorizeRequest.safeParse(params);
    if (!parsed.success) return { ok: false, problem: firstIssue(parsed.error) };
    const request = parsed.data;
    if (request.client_id !== options.clientId) return { ok: false, problem: "client_id is not a known app" };
    if (options.redirectUris && !options.redirectUris.includes(request.redirect_uri)) {
      return { ok: false, problem: "redirect_uri is not registered for this app" };
    }
    return { ok: true, request };
  };

  app.get("/oauth/authorize", (c) => {
    const checked = validAuthorizeRequest(c.req.query());
    if (!checked.ok) return problemPage(c, checked.problem);
    return consentPage(c, checked.request, c.req.query("login_hint"));
  });

  app.post("/oauth/authorize", async (c) => {
    const form = await c.req.parseBody();
    const checked = validAuthorizeRequest(form);
    if (!checked.ok) return problemPage(c, checked.problem);
    const { request } = checked;
    const approved = form.decision === "approve";
    const back = consentRedirect(request, approved);
    if (!approved) return c.redirect(back.toString(), 302);
    const merchant = typeof form.account === "string" ? merchantById(form.account) : undefined;
    if (!merchant) return problemPage(c, "account is not a sandbox merchant");
    const code = `sbx_code_${randomHex(24)}`;
    await change(db, (state) => {
      state.codes[code] = {
        accountId: merchant.accountID,
        clientId: request.client_id,
        scope: request.scope,
        redirectUri: request.redirect_uri,
        codeChallenge: request.code_challenge,
        expiresAt: clock() + AUTHORIZATION_CODE_TTL_MS,
        used: false,
      };
    });
    back.searchParams.set("code", code);
    return c.redirect(back.toString(), 302);
  });

  app.post("/oauth/token", async (c) => {
    c.header("Cache-Control", "no-store");
    const body = await tokenRequestBody(c);
    if (body === undefined) return oauthError(c, 400, "invalid_request", "the body must be JSON or a form");
    const parsed = TokenRequest.safeParse(body);
    if (!parsed.success) return oauthError(c, 400, "invalid_request", firstIssue(parsed.error));
    const request = parsed.data;
    const secretMatches = await timingSafeEqualText(request.client_secret, options.clientSecret);
    if (request.client_id !== options.clientId || !secretMatches) {
      return oauthError(c, 401, "invalid_client", "unknown client or wrong client secret");
    }

    if (request.grant_type === "authorization_code") {
      const { code, code_verifier: verifier } = request;
      if (!code || !verifier)
        return oauthError(c, 400, "invalid_request", "code and code_verifier are required");
      const challenge = await pkceChallenge(verifier);
      const outcome = await change(db, (state) => {
        const redeemed = redeemCode(state.codes, code, request.client_id, clock());
        if ("problem" in redeemed) return redeemed.problem;
        const { grant } = redeemed;
        if (request.redirect_uri !== undefined && request.redirect_uri !== grant.redirectUri) {
          return "redirect_uri differs from the authorization request";
        }
        if (challenge !== grant.codeChallenge) return "code_verifier does not match the code_challenge";
        return issueTokens(state, grant, clock());
      });
      return typeof outcome === "string" ? oauthError(c, 400, "invalid_grant", outcome) : c.json(outcome);
    }

    if (request.grant_type === "refresh_token") {
      const { refresh_token: refreshToken } = request;
      if (!refreshToken) return oauthError(c, 400, "invalid_request", "refresh_token is required");
      const outcome = await change(db, (state) => {
        const grant = takeRefreshToken(state.refreshTokens, refreshToken, request.client_id);
        if (!grant) return "the refresh token is unknown, used or revoked";
        return issueTokens(state, grant, clock());
      });
      return typeof outcome === "string" ? oauthError(c, 400, "invalid_grant", outcome) : c.json(outcome);
    }

    return oauthError(
      c,
      400,
      "unsupported_grant_type",
      "grant_type must be authorization_code or refresh_token",
    );
  });

  return app;
}

function issueTokens(state: OAuthState, grant: Grant, now: number) {
  pruneExpired(state, now);
  const accessToken = `sbx_at_${randomHex(24)}`;
  const refreshToken = `sbx_rt_${randomHex(24)}`;
  const { accountId, clientId, scope } = grant;
  state.accessTokens[accessToken] = {
    accountId,
    clientId,
    scope,
    expiresAt: now + ACCESS_TOKEN_TTL_SECONDS * 1000,
  };
  state.refreshTokens[refreshToken] = { accountId, clientId, scope };
  return {
    access_token: accessToken,
    refresh_token: refreshToken,
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    token_type: "Bearer",
    scope,
  };
}

async function tokenRequestBody(c: Context): Promise<Record<string, unknown> | undefined> {
  const type = c.req.header("content-type") ?? "";
  try {
    if (type.includes("application/json")) {
      const body: unknown = await c.req.json();
      return typeof body === "object" && body !== null ? (body as Record<string, unknown>) : undefined;
    }
    if (type.includes("application/x-www-form-urlencoded") || type.includes("multipart/form-data")) {
      return await c.req.parseBody();
    }
  } catch {
    return undefined;
  }
  return undefined;
}

function oauthError(c: Context, status: 400 | 401, error: string, description: string) {
  return c.json({ error, error_description: description }, status);
}

function problemPage(c: Context, problem: string) {
  return authorizationProblemPage(c, "Sandbox POS", problem);
}

function consentPage(c: Context, request: AuthorizeRequest, loginHint: string | undefined) {
  const selected = merchantById(loginHint ?? "")?.accountID ?? SANDBOX_MERCHANTS[0]?.accountID;
  const scopes = request.scope.split(" ").filter(Boolean);
  const hidden = Object.entries(request).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
  );
  return c.html(
    htmlDocument({
      lang: "en",
      title: `Authorize ${manifest.name} · Sandbox POS`,
      bodyStyle: NARROW_PAGE_STYLE,
      body: html`<h1>Authorize ${manifest.name}</h1>
        <p>${manifest.name} asks for access to your POS account:</p>
        <ul>
          ${scopes.map((scope) => html`<li><code>${scope}</code></li>`)}
        </ul>
        <form method="post">
          ${hidden}
          <p>
            <label
              >Sandbox merchant
              <select name="account">
                ${SANDBOX_MERCHANTS.map(
                  (merchant) =>
                    html`<option
                      value="${merchant.accountID}"
                      ${merchant.accountID === selected ? "selected" : ""}
                    >
                      ${merchant.name} (account ${merchant.accountID})
                    </option>`,
                )}
              </select>
            </label>
          </p>
          <button type="submit" name="decision" value="approve">Approve</button>
          <button type="submit" name="decision" value="deny">Deny</button>
        </form>`,
    }),
  );
}
