// The sandbox QuickBooks Online OAuth 2 server, in Intuit's shapes: a consent page where the person picks
// one of the sandbox companies (GET /connect/oauth2), a redirect back with `code`, `state` and `realmId`,
// a token endpoint (POST /oauth2/v1/tokens/bearer) that authenticates the app with HTTP Basic and takes a
// form body, single-use codes (10 min), access tokens of 1 h and rotating refresh tokens of 100 days
// (each refresh returns a new one; the old one stops working), and a revoke endpoint
// (POST /oauth2/v1/tokens/revoke) that ends the whole grant. Grants persist in the sandbox state.
import { type Context, Hono } from "hono";
import { html } from "hono/html";
import { z } from "zod";
import type { Clock } from "../../clock";
import { randomHex } from "../../crypto/random";
import type { Db } from "../../db/client";
import { htmlDocument, NARROW_PAGE_STYLE } from "../../pages/document";
import { changeState } from "../lockedState";
import {
  authorizationProblemPage,
  basicClientMatches,
  consentRedirect,
  deleteWhere,
  firstIssue,
  liveGrant,
  own,
  pruneExpired,
  redeemCode,
  takeRefreshToken,
} from "../oauthGrants";
import { readState } from "../state";
import { companyByRealm, SANDBOX_COMPANIES } from "./companies";

export const QBO_ACCOUNTING_SCOPE = "com.intuit.quickbooks.accounting";
export const AUTHORIZATION_CODE_TTL_MS = 10 * 60_000;
export const ACCESS_TOKEN_TTL_SECONDS = 3600;
export const REFRESH_TOKEN_TTL_SECONDS = 100 * 24 * 3600;
const STATE_KEY = "qbo:oauth";

interface Grant {
  realmId: string;
  clientId: string;
  scope: string;
}
interface CodeGrant extends Grant {
  redirectUri: string;
  expiresAt: number;
  used: boolean;
}
type TokenGrant = Grant & { expiresAt: number };
interface OAuthState {
  codes: Record<string, CodeGrant>;
  accessTokens: Record<string, TokenGrant>;
  refreshTokens: Record<string, TokenGrant>;
}
const empty = (): OAuthState => ({ codes: {}, accessTokens: {}, refreshTokens: {} });

export interface SandboxQboAuthOptions {
  db: Db;
  clock: Clock;
  clientId: string;
  clientSecret: string;
}

/** The realm and app a live access token was issued for, or null (unknown, expired or revoked). */
export async function sandboxQboTokenGrant(
  db: Db,
  clock: Clock,
  accessToken: string,
): Promise<{ realmId: string; clientId: string } | null> {
  const state = await readState<OAuthState>(db, STATE_KEY, empty());
  const grant = liveGrant(state.accessTokens, accessToken, clock());
  return grant ? { realmId: grant.realmId, clientId: grant.clientId } : null;
}

const AuthorizeRequest = z.object({
  client_id: z.string({ error: "is required" }),
  response_type: z.literal("code", { error: "must be code" }),
  scope: z
    .string({ error: "is required" })
    .refine(
      (scope) => scope.split(/\s+/).includes(QBO_ACCOUNTING_SCOPE),
      `must include ${QBO_ACCOUNTING_SCOPE}`,
    ),
  redirect_uri: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }),
  state: z.string({ error: "is required" }).min(1, "is required"),
});
type AuthorizeRequest = z.infer<typeof AuthorizeRequest>;

export function createSandboxQboAuth(options: SandboxQboAuthOptions): Hono {
  const { db, clock } = options;
  const change = <T>(work: (state: OAuthState) => T) => changeState(db, STATE_KEY, empty, work);

  function checkAuthorizeRequest(params: Record<string, unknown>) {
    const parsed = AuthorizeRequest.safeParse(params);
    if (!parsed.success) return { problem: firstIssue(parsed.error) } as const;
    if (parsed.data.client_id !== options.clientId)
      return { problem: "client_id is not a known app" } as const;
    return { request: parsed.data } as const;
  }

  /** The app, when the request carries its client id and secret as HTTP Basic credentials. */
  const authenticatedClient = (c: Context): Promise<boolean> =>
    basicClientMatches(c.req.header("Authorization"), options.clientId, options.clientSecret);

  const app = new Hono();

  app.get("/connect/oauth2", (c) => {
    const checked = checkAuthorizeRequest(c.req.query());
    return checked.request ? consentPage(c, checked.request) : problemPage(c, checked.problem);
  });

  app.post("/connect/oauth2", async (c) => {
    const form = await c.req.parseBody();
    const checked = checkAuthorizeRequest(form);
    if (!checked.request) return problemPage(c, checked.problem);
    const { request } = checked;
    const approved = form.decision === "approve";
    const back = consentRedirect(request, approved);
    if (!approved) return c.redirect(back.toString(), 302);
    const company = typeof form.realmId === "string" ? companyByRealm(form.realmId) : undefined;
    if (!company) return problemPage(c, "realmId is not a sandbox company");
    const code = `sbx_qbo_code_${randomHex(24)}`;
    await change((state) => {
      state.codes[code] = {
        realmId: company.realmId,
        clientId: request.client_id,
        scope: request.scope,
        redirectUri: request.redirect_uri,
        expiresAt: clock() + AUTHORIZATION_CODE_TTL_MS,
        used: false,
      };
    });
    back.searchParams.set("code", code);
    back.searchParams.set("realmId", company.realmId);
    return c.redirect(back.toString(), 302);
  });

  app.post("/oauth2/v1/tokens/bearer", async (c) => {
    c.header("Cache-Control", "no-store");
    if (!(await authenticatedClient(c))) return oauthError(c, 401, "invalid_client");
    const form = await formBody(c);
    if (!form) return oauthError(c, 400, "invalid_request");
    const grantType = form.grant_type;

    if (grantType === "authorization_code") {
      const { code, redirect_uri: redirectUri } = form;
      if (!code || !redirectUri) return oauthError(c, 400, "invalid_request");
      const outcome = await change((state) => {
        const redeemed = redeemCode(state.codes, code, options.clientId, clock());
        if ("problem" in redeemed || redeemed.grant.redirectUri !== redirectUri) return undefined;
        return issueTokens(state, redeemed.grant, clock());
      });
      return outcome ? c.json(outcome) : oauthError(c, 400, "invalid_grant");
    }

    if (grantType === "refresh_token") {
      const refreshToken = form.refresh_token;
      if (!refreshToken) return oauthError(c, 400, "invalid_request");
      const outcome = await change((state) => {
        const grant = takeRefreshToken(state.refreshTokens, refreshToken, options.clientId);
        if (!grant) return undefined;
        return grant.expiresAt > clock() ? issueTokens(state, grant, clock()) : undefined;
      });
      return outcome ? c.json(outcome) : oauthError(c, 400, "invalid_grant");
    }

    return oauthError(c, 400, "unsupported_grant_type");
  });

  // Revoking either token of a grant ends the grant, as Intuit does; an unknown token is not an error.
  app.post("/oauth2/v1/tokens/revoke", async (c) => {
    if (!(await authenticatedClient(c))) return oauthError(c, 401, "invalid_client");
    const isJson = (c.req.header("Content-Type") ?? "").includes("json");
    const body: unknown = isJson ? await c.req.json().catch(() => undefined) : await formBody(c);
    const token = z.object({ token: z.string().min(1) }).safeParse(body);
    if (!token.success) return oauthError(c, 400, "invalid_request");
    await change((state) => {
      const grant = own(state.accessTokens, token.data.token) ?? own(state.refreshTokens, token.data.token);
      if (!grant) return;
      deleteWhere(
        [state.accessTokens, state.refreshTokens],
        (other) => other.realmId === grant.realmId && other.clientId === grant.clientId,
      );
    });
    return c.body(null, 200);
  });

  return app;
}

function issueTokens(state: OAuthState, grant: Grant, now: number) {
  pruneExpired(state, now);
  const accessToken = `sbx_qbo_at_${randomHex(24)}`;
  const refreshToken = `sbx_qbo_rt_${randomHex(24)}`;
  const { realmId, clientId, scope } = grant;
  state.accessTokens[accessToken] = {
    realmId,
    clientId,
    scope,
    expiresAt: now + ACCESS_TOKEN_TTL_SECONDS * 1000,
  };
  state.refreshTokens[refreshToken] = {
    realmId,
    clientId,
    scope,
    expiresAt: now + REFRESH_TOKEN_TTL_SECONDS * 1000,
  };
  return {
    token_type: "bearer",
    access_token: accessToken,
    refresh_token: refreshToken,
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    x_refresh_token_expires_in: REFRESH_TOKEN_TTL_SECONDS,
  };
}

async function formBody(c: Context): Promise<Record<string, string> | undefined> {
  const type = c.req.header("Content-Type") ?? "";
  if (!type.includes("application/x-www-form-urlencoded") && !type.includes("multipart/form-data"))
    return undefined;
  const body = await c.req.parseBody().catch(() => undefined);
  if (!body) return undefined;
  return Object.fromEntries(
    Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

function oauthError(c: Context, status: 400 | 401, error: string) {
  return c.json({ error }, status);
}

function problemPage(c: Context, problem: string) {
  return authorizationProblemPage(c, "Sandbox QuickBooks", problem);
}

function consentPage(c: Context, request: AuthorizeRequest) {
  const hidden = Object.entries(request).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
  );
  return c.html(
    htmlDocument({
      lang: "en",
      title: "Connect to QuickBooks · Sandbox",
      bodyStyle: NARROW_PAGE_STYLE,
      body: html`<h1>Connect an app to QuickBooks</h1>
        <p>An app asks to read and write your company's accounting data (<code>${request.scope}</code>).</p>
        <form method="post">
          ${hidden}
          <p>
            <label
              >Company
              <select name="realmId">
                ${SANDBOX_COMPANIES.map(
                  (company) =>
                    html`<option value="${company.realmId}">
                      ${company.name} (realm ${company.realmId})
                    </option>`,
                )}
              </select>
            </label>
          </p>
          <button type="submit" name="decision" value="approve">Connect</button>
          <button type="submit" name="decision" value="deny">Cancel</button>
        </form>`,
    }),
  );
}
