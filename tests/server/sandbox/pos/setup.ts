// A sandbox POS over a migrated temporary database, on a clock the test moves, with the webhook
// deliveries it makes captured instead of sent.
import { Hono } from "hono";
import { createFaultRoutes, createSandboxFaults } from "../../../../server/sandbox/faults";
import { createSandboxPos } from "../../../../server/sandbox/pos/index";
import { createWebhookSender } from "../../../../server/sandbox/pos/webhookSender";
import { createTestDatabase, type TestDatabase } from "../../../support/database";

export const CLIENT_SECRET = "sandbox-client-secret-for-the-tests-0123";
export const APP_URL = "http://127.0.0.1:8787";
export const API_URL = "http://localhost/sandbox/pos/API/V3";
/** Friday 2026-05-15, 14:00 in Toronto, 11:00 in Vancouver. */
export const NOW = Date.UTC(2026, 4, 15, 18, 0);

const TOKENS: Record<string, string> = { "token-1001": "1001", "token-2002": "2002" };

export interface SandboxOptions {
  now?: number;
  dripRate?: number;
  /** How the app answers webhook deliveries (200 by default). */
  receiver?: (request: Request) => Response;
  /** An existing database (to restart the sandbox on it). */
  db?: TestDatabase;
}

export async function startSandbox(options: SandboxOptions = {}) {
  const database = options.db ?? (await createTestDatabase());
  let now = options.now ?? NOW;
  const clock = () => now;
  const advance = (ms: number) => {
    now += ms;
  };
  const deliveries: Request[] = [];
  const deliver = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    deliveries.push(request.clone());
    return options.receiver?.(request) ?? new Response("ok");
  };
  const sender = createWebhookSender({
    fetch: deliver,
    clock,
    clientSecret: CLIENT_SECRET,
    sleep: async (ms) => advance(ms),
  });
  const faults = createSandboxFaults();
  const slowWaits: number[] = [];
  const uninstalled: string[] = [];
  const pos = createSandboxPos({
    db: database.db,
    clock,
    appUrl: APP_URL,
    clientSecret: CLIENT_SECRET,
    clientId: "daybook-sandbox-test",
    issuer: "http://localhost",
    fetch: deliver,
    authenticate: async (token) => TOKENS[token] ?? null,
    dripRate: options.dripRate,
    faults,
    sender,
    onUninstall: async (accountID) => {
      uninstalled.push(accountID);
    },
    faultSleep: async (ms) => {
      slowWaits.push(ms);
    },
  });
  const app = new Hono().route("/sandbox/pos", pos).route("/sandbox/faults", createFaultRoutes(faults));

  /** An API call as account 1001 (or with `token`). */
  const api = (path: string, init: RequestInit & { token?: string } = {}) =>
    app.request(`${path.startsWith("http") ? path : API_URL + path}`, {
      ...init,
      headers: { Authorization: `Bearer ${init.token ?? "token-1001"}`, ...init.headers },
    });
  const apiJson = async (path: string, init: RequestInit & { token?: string } = {}) => {
    const response = await api(path, init);
    return (await response.json()) as Record<string, unknown>;
  };
  /** A back-office form post. */
  const post = (path: string, form: Record<string, string>) =>
    app.request(`http://localhost/sandbox/pos${path}`, { method: "POST", body: new URLSearchParams(form) });
  /** Routes a Request into the sandbox, as the POS client's fetch. */
  const fetch = (input: RequestInfo | URL, init?: RequestInit) =>
    Promise.resolve(app.fetch(new Request(input, init)));

  return {
    app,
    database,
    clock,
    advance,
    sender,
    deliveries,
    faults,
    slowWaits,
    uninstalled,
    api,
    apiJson,
    post,
    fetch,
    close: () => database.close(),
  };
}

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
