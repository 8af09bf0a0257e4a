// Every API route, called with another account's session token: nothing of the first account is
// found, listed or leaked. The matrix is checked against the app's route table, so a new route
// without an entry here fails this test.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, executions, jobs, mappings, stores } from "../../../server/db/schema";
import { runNightly } from "../../../server/services/nightly";
import { DEMO_COFFEE, MAPLE_BAKERY } from "../../../server/sandbox/pos/roster";
import { createFullStack, type FullStack } from "../../support/fullStack";
import { sandboxMapping } from "../../support/sandboxMapping";

let stack: FullStack;
let demo: { storeId: string; executionId: string; accountId: string };
let mapleToken: string;
let demoCashierToken: string;
let demoSuperToken: string;

beforeAll(async () => {
  stack = await createFullStack(Date.parse("2026-11-20T15:00:00Z"));
  await stack.install(DEMO_COFFEE.accountID);
  await stack.install(MAPLE_BAKERY.accountID);
  stack.clock.set(Date.parse("2026-11-21T15:00:00Z"));
  await runNightly(stack.deps);
  await stack.drain();
  const [account] = await stack.db.select().from(accounts).where(eq(accounts.posAccountId, "1001"));
  const [store] = await stack.db.select().from(stores).where(eq(stores.accountId, account!.id));
  const [execution] = await stack.db.select().from(executions).where(eq(executions.accountId, account!.id));
  await stack.db.insert(jobs).values({
    id: "demo-job",
    accountId: account!.id,
    name: "Reload Demo Coffee Queen St",
    type: "reload",
    sources: "sales",
    status: "pending",
  });
  await stack.db.insert(mappings).values({
    id: "demo-mapping",
    accountId: account!.id,
    version: 1,
    status: "draft",
    body: sandboxMapping(),
  });
  demo = { storeId: store!.id, executionId: execution!.id, accountId: account!.id };
  mapleToken = await stack.sessionToken(MAPLE_BAKERY.accountID, "1");
  demoCashierToken = await stack.sessionToken(DEMO_COFFEE.accountID, "3");
  demoSuperToken = await stack.sessionToken(DEMO_COFFEE.accountID, "1");
  await stack.connectLedger("qbo", demoSuperToken, "9341450000001001");
});
afterAll(() => stack.close());

/** Each API route with the first account's identifiers filled in. */
const MATRIX: Record<string, () => string> = {
  "/api/session": () => "/api/session",
  "/api/stores": () => "/api/stores",
  "/api/days": () => `/api/days?storeId=${demo.storeId}&from=2026-11-01&to=2026-11-30`,
  "/api/days/:storeId/:date": () => `/api/days/${demo.storeId}/2026-11-20`,
  "/api/executions/:id/logs": () => `/api/executions/${demo.executionId}/logs`,
  "/api/jobs": () => "/api/jobs",
  "/api/jobs/options": () => "/api/jobs/options",
  "/api/jobs/search": () =>
    `/api/jobs/search?from=2026-11-01&to=2026-11-30&storeIds=${demo.storeId}&filter=missing`,
  "/api/jobs/:id": () => "/api/jobs/demo-job",
  "/api/ledger": () => "/api/ledger",
  "/api/ledger/chart": () => "/api/ledger/chart",
  "/api/days/:storeId/:date/export.csv": () => `/api/days/${demo.storeId}/2026-11-20/export.csv`,
  "/api/health": () => "/api/health",
  "/api/executions": () => `/api/executions?storeId=${demo.storeId}`,
  "/api/settings": () => "/api/settings",
  "/api/mapping": () => "/api/mapping",
  "/api/mapping/versions/:version": () => "/api/mapping/versions/1",
  "/api/pos/catalog/:kind": () => "/api/pos/catalog/categories",
};

const get = (path: string, token: string) =>
  stack.request(path, { headers: { authorization: `Bearer ${token}` } });

describe("account isolation of the API", () => {
  it("the matrix covers every API route of the app", () => {
    const routes = stack.app.routes
      .filter(
        (route) => route.method === "GET" && route.path.startsWith("/api/") && !route.path.includes("*"),
      )
      .map((route) => route.path);
    expect(new Set(routes)).toEqual(new Set(Object.keys(MATRIX)));
  });

  it.each(Object.keys(MATRIX))(
    "%s with another account's token finds nothing of the first account",
    async (route) => {
      const response = await get(MATRIX[route]!(), mapleToken);
      expect([200, 403, 404, 409]).toContain(response.status);
      const text = await response.text();
      for (const secret of [
        demo.storeId,
        demo.executionId,
        demo.accountId,
        "Demo Coffee",
        "demo-job",
        "9341450000001001",
      ])
        expect(text).not.toContain(secret);
    },
  );

  it.each(Object.keys(MATRIX))("%s with the account's own super user's token answers 200", async (route) => {
    const response = await get(MATRIX[route]!(), demoSuperToken);
    expect(response.status).toBe(200);
  });

  it.each(["reload", "regenerate", "post"])(
    "POST %s on another account's store day is not found",
    async (action) => {
      const response = await stack.request(`/api/days/${demo.storeId}/2026-11-20/${action}`, {
        method: "POST",
        headers: { authorization: `Bearer ${mapleToken}` },
      });
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain("Demo Coffee");
    },
  );

  it("the super-user routes refuse a cashier with 403", async () => {
    const response = await get("/api/jobs", demoCashierToken);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });
  });

  it("without a token every route answers 401 and asks for a fresh one", async () => {
    for (const route of Object.keys(MATRIX)) {
      const response = await stack.request(MATRIX[route]!());
      expect(response.status).toBe(401);
      expect(response.headers.get("X-Pos-Retry-Invalid-Session-Request")).toBe("1");
    }
  });

  it("a bad request names the field and changes nothing", async () => {
    const response = await get(`/api/days?from=2026-11-30&to=2026-11-01`, demoSuperToken);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "invalid_request", field: "to" } });
    const bad = await get(`/api/days?from=yesterday&to=2026-11-01&status=posted,sideways`, demoSuperToken);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/from|status/);
  });
});
