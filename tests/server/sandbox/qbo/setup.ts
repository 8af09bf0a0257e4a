// The sandbox QuickBooks Online over a migrated temporary database, on a clock the test moves, reached
// through a fetch routed into the app (no network) that records every request it carries.
import { Hono } from "hono";
import { QBO_LIMITS, createLimiter } from "../../../../server/ledger/limiter";
import { createQboClient, type QboClientOptions } from "../../../../server/ledger/qbo/client";
import type { LedgerCredentials } from "../../../../server/ledger/port";
import { createFaultRoutes, createSandboxFaults } from "../../../../server/sandbox/faults";
import { DEMO_COFFEE_BOOKS } from "../../../../server/sandbox/qbo/companies";
import { createSandboxQbo } from "../../../../server/sandbox/qbo/index";
import { createTestDatabase, type TestDatabase } from "../../../support/database";
import { manualClock } from "../../../support/installPlatform";

export const CLIENT_ID = "daybook-test-qbo";
export const CLIENT_SECRET = "test-qbo-secret";
export const ORIGIN = "http://pos.test";
export const BASE = `${ORIGIN}/sandbox/qbo`;
export const API_URL = `${BASE}/v3`;
export const REDIRECT_URI = "http://app.test/oauth/ledger/callback";
export const DEMO = DEMO_COFFEE_BOOKS.realmId;

export interface RecordedRequest {
  method: string;
  url: URL;
  body: unknown;
  status: number;
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
  x_refresh_token_expires_in: number;
}

export const basicAuth = (id = CLIENT_ID, secret = CLIENT_SECRET) => `Basic ${btoa(`${id}:${secret}`)}`;

export async function startQboSandbox(options: { db?: TestDatabase; requestsPerMinute?: number } = {}) {
  const database = options.db ?? (await createTestDatabase());
  const time = manualClock();
  const faults = createSandboxFaults();
  const slowWaits: number[] = [];
  const app = new Hono()
    .route(
      "/sandbox/qbo",
      createSandboxQbo({
        db: database.db,
        clock: time.clock,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        faults,
        faultSleep: async (ms) => {
          slowWaits.push(ms);
        },
        ...(options.requestsPerMinute !== undefined && { requestsPerMinute: options.requestsPerMinute }),
      }),
    )
    .route("/sandbox/faults", createFaultRoutes(faults));

  const requests: RecordedRequest[] = [];
  /** The sandbox as a fetch: what the adapter under test calls. */
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const text = request.method === "GET" ? "" : await request.clone().text();
    const response = await app.fetch(request);
    requests.push({
      method: request.method,
      url: new URL(request.url),
      body: text ? (JSON.parse(text) as unknown) : undefined,
      status: response.status,
    });
    return response;
  };
  /** What a call to `sleep` waited: the clock moves instead. */
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
    time.advance(ms);
  };

  /** Approves the consent page for `realmId` and returns the redirect's query. */
  async function authorize(realmId = DEMO, overrides: Record<string, string> = {}) {
    const response = await app.request(`${BASE}/connect/oauth2`, {
      method: "POST",
      body: new URLSearchParams({
        client_id: CLIENT_ID,
        response_type: "code",
        scope: "com.intuit.quickbooks.accounting",
        redirect_uri: REDIRECT_URI,
        state: "st4te",
        realmId,
        decision: "approve",
        ...overrides,
      }),
    });
    return { response, query: new URL(response.headers.get("location") ?? "http://invalid/").searchParams };
  }

  function token(form: Record<string, string>, authorization = basicAuth()) {
    return app.request(`${BASE}/oauth2/v1/tokens/bearer`, {
      method: "POST",
      headers: { Authorization: authorization, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form),
    });
  }

  /** Tokens for `realmId` through the OAuth flow, as the connect route gets them. */
  async function connect(realmId = DEMO): Promise<Tokens> {
    const { query } = await authorize(realmId);
    const response = await token({
      grant_type: "authorization_code",
      code: query.get("code") ?? "",
      redirect_uri: REDIRECT_URI,
    });
    if (response.status !== 200) throw new Error(`token exchange answered ${response.status}`);
    return (await response.json()) as Tokens;
  }

  /** Credentials over real sandbox tokens that count their refreshes and revocations. */
  async function credentialsFor(realmId = DEMO) {
    let tokens = await connect(realmId);
    const calls = { refreshes: 0, revoked: [] as string[] };
    const credentials: LedgerCredentials = {
      accessToken: async () => tokens.access_token,
      async refresh() {
        calls.refreshes++;
        const response = await token({ grant_type: "refresh_token", refresh_token: tokens.refresh_token });
        tokens = (await response.json()) as Tokens;
        return tokens.access_token;
      },
      async revoke(reason) {
        calls.revoked.push(reason);
      },
    };
    return { credentials, calls, tokens: () => tokens };
  }

  /** The adapter for `realmId`, over the routed fetch, the test's clock and sleep, and a limiter of its own. */
  async function qboClient(realmId = DEMO, extra: Partial<QboClientOptions> = {}) {
    const auth = await credentialsFor(realmId);
    const client = createQboClient({
      apiUrl: API_URL,
      realmId,
      credentials: auth.credentials,
      fetch,
      clock: time.clock,
      sleep,
      limiter: createLimiter(QBO_LIMITS, time.clock, sleep),
      ...extra,
    });
    return { client, ...auth };
  }

  /** A query through the API, with a token of `realmId`. */
  async function query(text: string, realmId = DEMO, accessToken?: string) {
    const bearer = accessToken ?? (await connect(realmId)).access_token;
    const response = await app.request(
      `${API_URL}/company/${realmId}/query?${new URLSearchParams({ query: text, minorversion: "75" })}`,
      { headers: { Authorization: `Bearer ${bearer}` } },
    );
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  }

  /** The records a query finds (an empty list for QuickBooks' empty QueryResponse). */
  async function records(entity: string, where = "", realmId = DEMO): Promise<Record<string, any>[]> {
    const { body } = await query(
      `select * from ${entity}${where ? ` where ${where}` : ""} maxresults 1000`,
      realmId,
    );
    return (body.QueryResponse?.[entity] as Record<string, any>[] | undefined) ?? [];
  }

  /** A JSON request to the API with a bearer token. */
  async function api(
    path: string,
    init: { method?: string; body?: unknown; token?: string; realmId?: string } = {},
  ) {
    const realmId = init.realmId ?? DEMO;
    const bearer = init.token ?? (await connect(realmId)).access_token;
    const response = await app.request(`${API_URL}/company/${realmId}/${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: { Authorization: `Bearer ${bearer}`, "Content-Type": "application/json" },
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Record<string, any>,
    };
  }

  return {
    app,
    database,
    time,
    faults,
    slowWaits,
    requests,
    fetch,
    waits,
    sleep,
    authorize,
    token,
    connect,
    credentialsFor,
    qboClient,
    query,
    records,
    api,
    close: () => database.close(),
  };
}

export type QboSandbox = Awaited<ReturnType<typeof startQboSandbox>>;
