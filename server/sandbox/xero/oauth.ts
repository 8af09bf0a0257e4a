// The sandbox Xero identity server and its connections, in Xero's shapes: a consent page where the
// person picks one organisation (tenant), one-time authorization codes (5 min, bound to the client and
// the redirect URI, optional PKCE), a token endpoint authenticating the client with HTTP Basic that
// issues 30-minute access tokens (JWTs naming their `authentication_event_id`) and rotating refresh
// tokens (a refresh token works once), and GET/DELETE /connections: the organisations the app may use.
// The sandbox has one user, so every token of the app reaches every organisation it is connected to.
import { type Context, Hono } from "hono";
import { html } from "hono/html";
import { SignJWT } from "jose";
import { z } from "zod";
import type { Clock } from "../../clock";
import { toBase64Url } from "../../crypto/base64";
import { newId, pkceChallenge, randomHex } from "../../crypto/random";
import type { Db } from "../../db/client";
import { htmlDocument, NARROW_PAGE_STYLE } from "../../pages/document";
import { changeState } from "../lockedState";
import {
  authorizationProblemPage,
  basicClientMatches,
  consentRedirect,
  firstIssue,
  liveGrant,
  pruneExpired,
  redeemCode,
  takeRefreshToken,
} from "../oauthGrants";
import { readState } from "../state";
import { organisationById, SANDBOX_ORGANISATIONS, stableId } from "./organisations";

export const CODE_TTL_MS = 5 * 60_000;
export const ACCESS_TOKEN_TTL_SECONDS = 1800;
/** What Daybook must ask for: post transactions, read the chart, and keep access (refresh tokens). */
export const REQUIRED_SCOPES = ["accounting.transactions", "accounting.settings", "offline_access"];
const STATE_KEY = "xero.oauth";
const SANDBOX_USER_ID = stableId("xero", "sandbox user");

interface Grant {
  clientId: string;
  scope: string;
  authEventId: string;
}
interface CodeGrant extends Grant {
  tenantId: string;
  redirectUri: string;
  codeChallenge?: string;
  expiresAt: number;
  used: boolean;
}
interface Connection {
  id: string;
  clientId: string;
  tenantId: string;
  authEventId: string;
  createdAt: number;
  updatedAt: number;
}
interface OAuthState {
  codes: Record<string, CodeGrant>;
  accessTokens: Record<string, Grant & { expiresAt: number }>;
  refreshTokens: Record<string, Grant>;
  connections: Connection[];
}
const empty = (): OAuthState => ({ codes: {}, accessTokens: {}, refreshTokens: {}, connections: [] });

/** What a live access token may do: its scopes and the organisations its app is connected to. */
export interface XeroAccess {
  clientId: string;
  scopes: string[];
  tenantIds: string[];
}

export async function xeroAccessOf(db: Db, clock: Clock, accessToken: string): Promise<XeroAccess | null> {
  const state = await readState<OAuthState>(db, STATE_KEY, empty());
  const grant = liveGrant(state.accessTokens, accessToken, clock());
  if (!grant) return null;
  return {
    clientId: grant.clientId,
    scopes: grant.scope.split(" ").filter(Boolean),
    tenantIds: state.connections.filter((c) => c.clientId === grant.clientId).map((c) => c.tenantId),
  };
}

export interface SandboxXeroAuthOptions {
  db: Db;
  clock: Clock;
  clientId: string;
  clientSecret: string;
  /** When given, the only redirect URIs accepted; otherwise any http(s) URL. */
  redirectUris?: string[];
}

const AuthorizeRequest = z.object({
  response_type: z.literal("code", { error: "must be code" }),
  client_id: z.string({ error: "is required" }),
  redirect_uri: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }),
  scope: z
    .string({ error: "is required" })
    .refine(
      (scope) => REQUIRED_SCOPES.every((needed) => scope.split(" ").includes(needed)),
      `must include ${REQUIRED_SCOPES.join(" ")}`,
    ),
  state: z.string().default(""),
  code_challenge: z.string().optional(),
  code_challenge_method: z.literal("S256", { error: "must be S256" }).optional(),
});
type AuthorizeRequest = z.infer<typeof AuthorizeRequest>;

export function createSandboxXeroAuth(options: SandboxXeroAuthOptions): Hono {
  const { db, clock } = options;
  const change = <T>(work: (state: OAuthState) => T | Promise<T>) => changeState(db, STATE_KEY, empty, work);
  const app = new Hono();

  const checkAuthorize = (
    params: Record<string, unknown>,
  ): { problem: string } | { request: AuthorizeRequest } => {
    const parsed = AuthorizeRequest.safeParse(params);
    if (!parsed.success) return { problem: firstIssue(parsed.error) };
    if (parsed.data.client_id !== options.clientId) return { problem: "client_id is not a known app" };
    if (options.redirectUris && !options.redirectUris.includes(parsed.data.redirect_uri))
      return { problem: "redirect_uri is not registered for this app" };
    return { request: parsed.data };
  };

  app.get("/identity/connect/authorize", (c) => {
    const checked = checkAuthorize(c.req.query());
    return "problem" in checked ? problemPage(c, checked.problem) : consentPage(c, checked.request);
  });

  app.post("/identity/connect/authorize", async (c) => {
    const form = await c.req.parseBody();
    const checked = checkAuthorize(form);
    if ("problem" in checked) return problemPage(c, checked.problem);
    const { request } = checked;
    const approved = form.decision === "approve";
    const back = consentRedirect(request, approved);
    if (!approved) return c.redirect(back.toString(), 302);
    const organisation = typeof form.tenantId === "string" ? organisationById(form.tenantId) : undefined;
    if (!organisation) return problemPage(c, "tenantId is not a sandbox organisation");
    const code = randomHex(24);
    await change((state) => {
      state.codes[code] = {
        clientId: request.client_id,
        scope: request.scope,
        authEventId: newId(),
        tenantId: organisation.tenantId,
        redirectUri: request.redirect_uri,
        ...(request.code_challenge !== undefined && { codeChallenge: request.code_challenge }),
        expiresAt: clock() + CODE_TTL_MS,
        used: false,
      };
    });
    back.searchParams.set("code", code);
    back.searchParams.set("scope", request.scope);
    return c.redirect(back.toString(), 302);
  });

  app.post("/identity/connect/token", async (c) => {
    c.header("Cache-Control", "no-store");
    if (!(await basicClientMatches(c.req.header("authorization"), options.clientId, options.clientSecret)))
      return tokenError(c, 401, "invalid_client");
    const type = c.req.header("content-type") ?? "";
    if (!type.includes("application/x-www-form-urlencoded")) return tokenError(c, 400, "invalid_request");
    const form = await c.req.parseBody();
    const field = (name: string) => (typeof form[name] === "string" ? form[name] : undefined);

    if (field("grant_type") === "authorization_code") {
      const code = field("code");
      const verifier = field("code_verifier");
      if (!code) return tokenError(c, 400, "invalid_request");
      const challenge = verifier ? await pkceChallenge(verifier) : undefined;
      const outcome = await change(async (state) => {
        const redeemed = redeemCode(state.codes, code, options.clientId, clock());
        if ("problem" in redeemed) return "invalid_grant";
        const { grant } = redeemed;
        if (field("redirect_uri") !== grant.redirectUri) return "invalid_grant";
        if (grant.codeChallenge !== undefined && grant.codeChallenge !== challenge) return "invalid_grant";
        connect(state, grant, clock());
        return issueTokens(state, grant, clock(), options.clientSecret);
      });
      return typeof outcome === "string" ? tokenError(c, 400, outcome) : c.json(outcome);
    }

    if (field("grant_type") === "refresh_token") {
      const refreshToken = field("refresh_token");
      if (!refreshToken) return tokenError(c, 400, "invalid_request");
      const outcome = await change(async (state) => {
        const grant = takeRefreshToken(state.refreshTokens, refreshToken, options.clientId);
        if (!grant) return "invalid_grant";
        return issueTokens(state, grant, clock(), options.clientSecret);
      });
      return typeof outcome === "string" ? tokenError(c, 400, outcome) : c.json(outcome);
    }
    return tokenError(c, 400, "unsupported_grant_type");
  });

  app.get("/connections", async (c) => {
    const access = await bearerAccess(c);
    if (!access) return unauthorized(c);
    const state = await readState<OAuthState>(db, STATE_KEY, empty());
    const eventFilter = c.req.query("authEventId");
    return c.json(
      state.connections
        .filter((connection) => connection.clientId === access.clientId)
        .filter((connection) => eventFilter === undefined || connection.authEventId === eventFilter)
        .map((connection) => ({
          id: connection.id,
          authEventId: connection.authEventId,
          tenantId: connection.tenantId,
          tenantType: "ORGANISATION",
          tenantName: organisationById(connection.tenantId)?.name ?? connection.tenantId,
          createdDateUtc: new Date(connection.createdAt).toISOString(),
          updatedDateUtc: new Date(connection.updatedAt).toISOString(),
        })),
    );
  });

  app.delete("/connections/:id", async (c) => {
    const access = await bearerAccess(c);
    if (!access) return unauthorized(c);
    const id = c.req.param("id");
    const removed = await change((state) => {
      const before = state.connections.length;
      state.connections = state.connections.filter((x) => !(x.id === id && x.clientId === access.clientId));
      return state.connections.length < before;
    });
    return removed ? c.body(null, 204) : c.json({ Title: "NotFound", Status: 404, Detail: "Not Found" }, 404);
  });

  const bearerAccess = (c: Context) => {
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
    return token ? xeroAccessOf(db, clock, token) : Promise.resolve(null);
  };

  return app;
}

/** Xero's answer to a missing, unknown or expired access token. */
export function unauthorized(c: Context): Response {
  c.header("WWW-Authenticate", 'Bearer error="invalid_token"');
  return c.json(
    { Type: null, Title: "Unauthorized", Status: 401, Detail: "AuthenticationUnsuccessful", Extensions: {} },
    401,
  );
}

/** The app's connection to the organisation of a consent: created, or renewed by a new consent. */
function connect(state: OAuthState, grant: CodeGrant, now: number): void {
  const existing = state.connections.find(
    (connection) => connection.clientId === grant.clientId && connection.tenantId === grant.tenantId,
  );
  if (existing) {
    existing.authEventId = grant.authEventId;
    existing.updatedAt = now;
  } else
    state.connections.push({
      id: newId(),
      clientId: grant.clientId,
      tenantId: grant.tenantId,
      authEventId: grant.authEventId,
      createdAt: now,
      updatedAt: now,
    });
}

async function issueTokens(state: OAuthState, grant: Grant, now: number, secret: string) {
  pruneExpired(state, now);
  const seconds = Math.floor(now / 1000);
  const accessToken = await new SignJWT({
    client_id: grant.clientId,
    sub: SANDBOX_USER_ID,
    xero_userid: SANDBOX_USER_ID,
    authentication_event_id: grant.authEventId,
    jti: randomHex(16),
    scope: grant.scope.split(" ").filter(Boolean),
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer("https://identity.xero.com")
    .setAudience("https://identity.xero.com/resources")
    .setIssuedAt(seconds)
    .setNotBefore(seconds)
    .setExpirationTime(seconds + ACCESS_TOKEN_TTL_SECONDS)
    .sign(new TextEncoder().encode(secret));
  const refreshToken = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  state.accessTokens[accessToken] = { ...pick(grant), expiresAt: now + ACCESS_TOKEN_TTL_SECONDS * 1000 };
  state.refreshTokens[refreshToken] = pick(grant);
  return {
    access_token: accessToken,
    refresh_token: refreshToken,
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    token_type: "Bearer",
    scope: grant.scope,
  };
}

const pick = ({ clientId, scope, authEventId }: Grant): Grant => ({ clientId, scope, authEventId });

function tokenError(c: Context, status: 400 | 401, error: string) {
  return c.json({ error }, status);
}

function problemPage(c: Context, problem: string) {
  return authorizationProblemPage(c, "Sandbox Xero", problem);
}

function consentPage(c: Context, request: AuthorizeRequest) {
  const hidden = Object.entries(request)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`);
  const scopes = request.scope.split(" ").filter(Boolean);
  return c.html(
    htmlDocument({
      lang: "en",
      title: "Connect to Xero · Sandbox Xero",
      bodyStyle: NARROW_PAGE_STYLE,
      body: html`<h1>Allow access to your Xero organisation</h1>
        <p>The app asks for:</p>
        <ul>
          ${scopes.map((scope) => html`<li><code>${scope}</code></li>`)}
        </ul>
        <form method="post">
          ${hidden}
          <fieldset>
            <legend>Organisation</legend>
            ${SANDBOX_ORGANISATIONS.map(
              (organisation, index) =>
                html`<p>
                  <label>
                    <input
                      type="radio"
                      name="tenantId"
                      value="${organisation.tenantId}"
                      ${index === 0 ? "checked" : ""}
                    />
                    ${organisation.name}
                  </label>
                </p>`,
            )}
          </fieldset>
          <button type="submit" name="decision" value="approve">Allow access</button>
          <button type="submit" name="decision" value="deny">Cancel</button>
        </form>`,
    }),
  );
}
