// One Hono app holding Daybook's install routes and the sandbox platform (OAuth, session tokens),
// with Deps.fetch routed into it: the code exchange, refreshes and the JWKS travel over real HTTP
// shapes without a network. The POS API is a fake PosClient that accepts only live sandbox tokens.
import { Hono } from "hono";
import { installRoutes } from "../../server/auth/install";
import type { Clock } from "../../server/clock";
import type { Db } from "../../server/db/client";
import type { Deps } from "../../server/deps";
import type { Env } from "../../server/env";
import { PosAuthError, type PosClient, type PosCredentials, type PosShop } from "../../server/pos/port";
import { createSandboxPosAuth, sandboxAccessTokenOwner } from "../../server/sandbox/pos/oauth";
import { createSandboxSessionTokens } from "../../server/sandbox/pos/sessionTokens";
import { DEMO_COFFEE } from "../../server/sandbox/pos/roster";
import { pkceChallenge, pkceVerifier } from "../../server/crypto/random";

export const APP_URL = "http://app.test";
export const POS_ORIGIN = "http://pos.test";
const POS = `${POS_ORIGIN}/sandbox/pos`;

export function testEnv(overrides: Partial<Env> = {}): Env {
  return {
    appUrl: APP_URL,
    posOrigin: POS_ORIGIN,
    posAdminUrl: `${POS}/backoffice`,
    posAuthUrl: `${POS}/oauth`,
    posApiUrl: `${POS}/API/V3`,
    posJwksUrl: `${POS}/.well-known/jwks.json`,
    posClientId: "daybook-test",
    posClientSecret: "test-client-secret-at-least-32-characters",
    tokenEncryptionKey: "dGVzdC10b2tlbi1lbmNyeXB0aW9uLWtleS0zMmJ5dGU=",
    cookieSecret: "test-cookie-secret-at-least-32-characters",
    databaseUrl: "file:unused",
    ledgers: {
      qbo: {
        clientId: "daybook-test-qbo",
        clientSecret: "test-qbo-secret",
        authUrl: `${POS_ORIGIN}/sandbox/qbo/connect/oauth2`,
        tokenUrl: `${POS_ORIGIN}/sandbox/qbo/oauth2/v1/tokens/bearer`,
        apiUrl: `${POS_ORIGIN}/sandbox/qbo/v3`,
      },
      xero: {
        clientId: "daybook-test-xero",
        clientSecret: "test-xero-secret",
        authUrl: `${POS_ORIGIN}/sandbox/xero/identity/connect/authorize`,
        tokenUrl: `${POS_ORIGIN}/sandbox/xero/identity/connect/token`,
        apiUrl: `${POS_ORIGIN}/sandbox/xero`,
      },
    },
    sandbox: true,
    port: 8787,
    voidReloadDelaySeconds: 60,
    ...overrides,
  };
}

export interface ManualClock {
  clock: Clock;
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
}

export function manualClock(start = Date.UTC(2026, 2, 2, 15, 0, 0)): ManualClock {
  let now = start;
  return {
    clock: () => now,
    now: () => now,
    set: (ms) => {
      now = ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/** The POS API as the install sees it: account, shops and webhook subscriptions, behind sandbox tokens. */
export class FakePos {
  account = { posAccountId: DEMO_COFFEE.accountID, name: DEMO_COFFEE.name };
  shops: PosShop[] = DEMO_COFFEE.shops.map((shop) => ({
    posShopId: shop.shopID,
    name: shop.name,
    timezone: shop.timeZone,
    currency: shop.currency,
  }));
  subscriptions: { topic: string; url: string }[] = [];
  tokensSeen: string[] = [];
  failSubscriptions = false;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  client = (credentials: PosCredentials, posAccountId?: string): PosClient => {
    const authorized = async () => {
      const token = await credentials.accessToken();
      this.tokensSeen.push(token);
      const owner = await sandboxAccessTokenOwner(this.db, this.clock, token);
      if (owner === null) throw new PosAuthError("the sandbox refused the access token");
      if (posAccountId !== undefined && owner !== posAccountId)
        throw new PosAuthError("another account's token");
    };
    const unused = () => Promise.reject(new Error("not used by the install"));
    return {
      account: async () => {
        await authorized();
        return this.account;
      },
      shops: async () => {
        await authorized();
        return this.shops;
      },
      subscribeWebhook: async (topic, url) => {
        await authorized();
        if (this.failSubscriptions) throw new PosAuthError("subscriptions refused");
        if (!this.subscriptions.some((s) => s.topic === topic && s.url === url))
          this.subscriptions.push({ topic, url });
      },
      shop: unused,
      registers: unused,
      day: unused,
      days: unused,
      catalog: unused,
    };
  };
}

export interface Platform {
  app: Hono;
  deps: Pick<Deps, "env" | "db" | "clock" | "fetch">;
  pos: FakePos;
  /** Every request that went through Deps.fetch, by path. */
  outbound: string[];
}

export function createPlatform(db: Db, clock: Clock, env: Env = testEnv()): Platform {
  const app = new Hono();
  const outbound: string[] = [];
  const fetchInto: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    outbound.push(new URL(request.url).pathname);
    return app.fetch(request);
  };
  const deps = { env, db, clock, fetch: fetchInto };
  const pos = new FakePos(db, clock);
  const sandboxOptions = { db, clock, clientId: env.posClientId, clientSecret: env.posClientSecret };
  app.route("/", installRoutes(deps, { posClient: pos.client }));
  app.route(
    "/sandbox/pos",
    createSandboxPosAuth({ ...sandboxOptions, redirectUris: [`${env.appUrl}/oauth/callback`] }),
  );
  app.route("/sandbox/pos", createSandboxSessionTokens({ ...sandboxOptions, issuer: env.posOrigin }));
  return { app, deps, pos, outbound };
}

/** Approves (or denies) the consent for `merchant` the way the consent page's form does. */
export async function answerConsent(
  app: Hono,
  authorizeUrl: string,
  decision: "approve" | "deny",
  merchant = DEMO_COFFEE.accountID,
): Promise<Response> {
  const form = new URLSearchParams(new URL(authorizeUrl).searchParams);
  form.set("decision", decision);
  form.set("account", merchant);
  return app.request(authorizeUrl, { method: "POST", body: form });
}

/** A code and tokens straight from the sandbox endpoints, as a second installer would get them. */
export async function grantTokens(platform: Platform, merchant = DEMO_COFFEE.accountID) {
  const { app, deps } = platform;
  const verifier = pkceVerifier();
  const redirectUri = `${deps.env.appUrl}/oauth/callback`;
  const authorize = new URL(`${deps.env.posAuthUrl}/authorize`);
  authorize.search = new URLSearchParams({
    response_type: "code",
    client_id: deps.env.posClientId,
    redirect_uri: redirectUri,
    scope: "employee:register_read",
    state: "s",
    code_challenge: await pkceChallenge(verifier),
    code_challenge_method: "S256",
  }).toString();
  const approved = await answerConsent(app, authorize.toString(), "approve", merchant);
  const code = new URL(approved.headers.get("location") ?? "").searchParams.get("code") ?? "";
  const response = await app.request(`${deps.env.posAuthUrl}/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      client_id: deps.env.posClientId,
      client_secret: deps.env.posClientSecret,
      grant_type: "authorization_code",
      code,
      code_verifier: verifier,
      redirect_uri: redirectUri,
    }),
  });
  const tokens = (await response.json()) as {
    access_token: string;
    refresh_token: string;
    expires_in: number;
    token_type: string;
    scope: string;
  };
  return { code, verifier, tokens };
}
