// A sandbox Xero over a migrated temporary database, on a clock the test moves, mounted where
// testEnv() expects it, with a fetch routed into it that records every request; connecting an
// organisation the way a person does (consent form, code exchange) and credentials that refresh
// against its token endpoint.
import { Hono } from "hono";
import { createLimiter, XERO_LIMITS } from "../../../../server/ledger/limiter";
import { type LedgerCredentials, LedgerAuthError } from "../../../../server/ledger/port";
import { createXeroClient, type XeroClientOptions } from "../../../../server/ledger/xero/client";
import { createFaultRoutes, createSandboxFaults, type FaultKind } from "../../../../server/sandbox/faults";
import { createSandboxXero } from "../../../../server/sandbox/xero/index";
import { readLedger } from "../../../../server/sandbox/xero/ledgerState";
import { DEMO_COFFEE_LTD } from "../../../../server/sandbox/xero/organisations";
import { createTestDatabase, type TestDatabase } from "../../../support/database";
import { testEnv } from "../../../support/installPlatform";

const xero = testEnv().ledgers.xero as NonNullable<ReturnType<typeof testEnv>["ledgers"]["xero"]>;
export const { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, apiUrl: API_URL } = xero;
export const AUTH_URL = xero.authUrl;
export const TOKEN_URL = xero.tokenUrl;
export const REDIRECT_URI = "http://app.test/oauth/ledger/callback";
export const SCOPE =
  "openid profile email accounting.transactions accounting.settings accounting.contacts offline_access";
/** Monday 2026-03-02, 10:00 in Toronto. */
export const NOW = Date.UTC(2026, 2, 2, 15, 0);

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Headers;
  body: unknown;
  status: number;
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: string;
  scope: string;
}

export async function startXeroSandbox(options: { db?: TestDatabase } = {}) {
  const database = options.db ?? (await createTestDatabase());
  let now = NOW;
  const clock = () => now;
  const advance = (ms: number) => {
    now += ms;
  };
  const faults = createSandboxFaults();
  const held: (() => void)[] = [];
  const app = new Hono()
    .route(
      "/sandbox/xero",
      createSandboxXero({
        db: database.db,
        clock,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        redirectUris: [REDIRECT_URI],
        faults,
        // A slow fault holds its request until the test lets it go.
        faultSleep: () => new Promise<void>((resolve) => held.push(resolve)),
      }),
    )
    .route("/sandbox/faults", createFaultRoutes(faults));

  const requests: RecordedRequest[] = [];
  /** Routes a request into the sandbox, as the adapter's fetch, and records it. */
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const text = await request.clone().text();
    const response = await app.fetch(request);
    requests.push({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: text ? (JSON.parse(text) as unknown) : undefined,
      status: response.status,
    });
    return response;
  };

  /** The consent approved for `tenantId` and the code exchanged, as Daybook's connect flow does. */
  async function connect(tenantId = DEMO_COFFEE_LTD.tenantId, scope = SCOPE): Promise<Tokens> {
    const query = new URLSearchParams({
      response_type: "code",
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      scope,
      state: "state-1",
    });
    const approved = await app.request(`${AUTH_URL}?${query}`, {
      method: "POST",
      body: new URLSearchParams({ ...Object.fromEntries(query), tenantId, decision: "approve" }),
    });
    const code = new URL(approved.headers.get("location") ?? "").searchParams.get("code") ?? "";
    const response = await tokenRequest({
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
    });
    if (response.status !== 200) throw new Error(`the code exchange failed: ${await response.text()}`);
    return (await response.json()) as Tokens;
  }

  function tokenRequest(form: Record<string, string>, secret = CLIENT_SECRET) {
    return app.request(TOKEN_URL, {
      method: "POST",
      headers: {
        authorization: `Basic ${btoa(`${CLIENT_ID}:${secret}`)}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams(form),
    });
  }

  /** Credentials over real sandbox tokens: a refresh goes to the token endpoint and rotates. */
  function credentials(tokens: Tokens) {
    let current = tokens;
    const record = {
      refreshed: 0,
      revoked: [] as string[],
      accessToken: async () => current.access_token,
      async refresh() {
        record.refreshed++;
        const response = await tokenRequest({
          grant_type: "refresh_token",
          refresh_token: current.refresh_token,
        });
        if (response.status !== 200) throw new LedgerAuthError("the sandbox refused the refresh token");
        current = (await response.json()) as Tokens;
        return current.access_token;
      },
      async revoke(reason: string) {
        record.revoked.push(reason);
      },
    };
    return record satisfies LedgerCredentials;
  }

  const time = {
    sleeps: [] as number[],
    /** Moves the clock instead of waiting, and lets other work run (a waiting caller must not starve
     *  the calls it waits for). */
    sleep: async (ms: number) => {
      time.sleeps.push(ms);
      advance(ms);
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };

  /** The adapter on the sandbox, with a limiter of its own on the test's clock. */
  async function client(overrides: Partial<XeroClientOptions> = {}) {
    const tokens = await connect(overrides.tenantId ?? DEMO_COFFEE_LTD.tenantId);
    const creds = credentials(tokens);
    const adapter = createXeroClient({
      apiUrl: API_URL,
      tenantId: DEMO_COFFEE_LTD.tenantId,
      credentials: creds,
      fetch,
      clock,
      sleep: time.sleep,
      limiter: createLimiter(XERO_LIMITS, clock, time.sleep),
      timeoutMs: 5_000,
      maxAttempts: 3,
      ...overrides,
    });
    return { adapter, credentials: creds, tokens };
  }

  /** A call to the Accounting API with a bearer token and tenant. */
  const api = (path: string, init: RequestInit & { token: string; tenant?: string }) =>
    app.request(`${API_URL}/api.xro/2.0/${path}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${init.token}`,
        "xero-tenant-id": init.tenant ?? DEMO_COFFEE_LTD.tenantId,
        Accept: "application/json",
        ...(init.body !== undefined && { "Content-Type": "application/json" }),
        ...init.headers,
      },
    });

  return {
    app,
    database,
    clock,
    advance,
    time,
    faults,
    /** Lets the requests held by slow faults answer. */
    release: () => held.splice(0).forEach((resolve) => resolve()),
    held,
    order: (fault: FaultKind, count = 1) => faults.order({ target: "xero", fault, count }),
    fetch,
    requests,
    connect,
    tokenRequest,
    credentials,
    client,
    api,
    ledger: (tenantId = DEMO_COFFEE_LTD.tenantId) => readLedger(database.db, tenantId),
    close: () => database.close(),
  };
}

export type XeroSandbox = Awaited<ReturnType<typeof startXeroSandbox>>;
