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
import { fromBase64 } from "../../crypto/base64";
import { timingSafeEqualText } from "../../crypto/hmac";
import { randomHex } from "../../crypto/random";
import type { Db } from "../../db/client";
import { readState, writeState } from "../state";
import { companyByRealm, SANDBOX_COMPANIES } from "./companies";
import { createSerializer } from "./serial";

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
const EMPTY: OAuthState = { codes: {}, accessTokens: {}, refreshTokens: {} };

export interface SandboxQboAuthOptions {
  db: Db;
  clock: Clock;
  clientId: string;
  clientSecret: string;
}

const own = <T>(table: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

/** The realm and app a live access token was issued for, or null (unknown, expired or revoked). */
export async function sandboxQboTokenGrant(
  db: Db,
  clock: Clock,
  accessToken: string,
): Promise<{ realmId: string; clientId: string } | null> {
  const state = await readState<OAuthState>(db, STATE_KEY, EMPTY);
  const grant = own(state.accessTokens, accessToken);
  return grant && grant.expiresAt > clock() ? { realmId: grant.realmId, clientId: grant.clientId } : null;
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
  const serialized = createSerializer();
  const changeState = <T>(work: (state: OAuthState) => T) =>
    serialized(STATE_KEY, async () => {
      const state = await readState<OAuthState>(db, STATE_KEY, EMPTY);
      const result = work(state);
      await writeState(db, STATE_KEY, state);
      return result;
    });

  function checkAuthorizeRequest(params: Record<string, unknown>) {
    const parsed = AuthorizeRequest.safeParse(params);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { problem: `${issue?.path.join(".")} ${issue?.message}` } as const;
    }
    if (parsed.data.client_id !== options.clientId)
      return { problem: "client_id is not a known app" } as const;
    return { request: parsed.data } as const;
  }

  /** The app, when the request carries its client id and secret as HTTP Basic credentials. */
  async function authenticatedClient(c: Context): Promise<boolean> {
    const encoded = /^Basic\s+(\S+)$/i.exec(c.req.header("Authorization") ?? "")?.[1];
    if (!encoded) return false;
    let decoded: string;
    try {
      decoded = new TextDecoder().decode(fromBase64(encoded));
    } catch {
      return false;
    }
    const colon = decoded.indexOf(":");
    if (colon < 0) return false;
    const [id, secret] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
    return id === options.clientId && (await timingSafeEqualText(secret, options.clientSecret));
  }

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
    const back = new URL(request.redirect_uri);
    back.searchParams.set("state", request.state);
    if (form.decision !== "approve") {
      back.searchParams.set("error", "access_denied");
      return c.redirect(back.toString(), 302);
    }
    const company = typeof form.realmId === "string" ? companyByRealm(form.realmId) : undefined;
    if (!company) return problemPage(c, "realmId is not a sandbox company");
    const code = `sbx_qbo_code_${randomHex(24)}`;
    await changeState((state) => {
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
      const outcome = await changeState((state) => {
        const grant = own(state.codes, code);
        if (!grant || grant.clientId !== options.clientId || grant.used) return undefined;
        grant.used = true;
        if (grant.expiresAt <= clock() || grant.redirectUri !== redirectUri) return undefined;
        return issueTokens(state, grant, clock());
      });
      return outcome ? c.json(outcome) : oauthError(c, 400, "invalid_grant");
    }

    if (grantType === "refresh_token") {
      const refreshToken = form.refresh_token;
      if (!refreshToken) return oauthError(c, 400, "invalid_request");
      const outcome = await changeState((state) => {
        const grant = own(state.refreshTokens, refreshToken);
        if (!grant || grant.clientId !== options.clientId) return undefined;
        delete state.refreshTokens[refreshToken];
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
    await changeState((state) => {
      const grant = own(state.accessTokens, token.data.token) ?? own(state.refreshTokens, token.data.token);
      if (!grant) return;
      for (const table of [state.accessTokens, state.refreshTokens]) {
        for (const [key, other] of Object.entries(table))
          if (other.realmId === grant.realmId && other.clientId === grant.clientId) delete table[key];
      }
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

/** Keeps the persisted state small: what has expired can never be used again. */
function pruneExpired(state: OAuthState, now: number): void {
  for (const table of [state.codes, state.accessTokens, state.refreshTokens]) {
    for (const [key, grant] of Object.entries(table)) if (grant.expiresAt <= now) delete table[key];
  }
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

const PAGE_STYLE = "font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem";

function problemPage(c: Context, problem: string) {
  return c.html(
    html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <title>Authorization request refused · Sandbox QuickBooks</title>
        </head>
        <body style="${PAGE_STYLE}">
          <h1>This authorization request is invalid</h1>
          <p>${problem}.</p>
        </body>
      </html>`,
    400,
  );
}

function consentPage(c: Context, request: AuthorizeRequest) {
  const hidden = Object.entries(request).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
  );
  return c.html(
    html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>Connect to QuickBooks · Sandbox</title>
        </head>
        <body style="${PAGE_STYLE}">
          <h1>Connect an app to QuickBooks</h1>
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
          </form>
        </body>
      </html>`,
  );
}
