// Connecting a ledger from the app: who may, the state bound to the session, refusals that change nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connections, executions } from "../../../server/db/schema";
import { createFullStack, type FullStack } from "../../support/fullStack";

let stack: FullStack;
let superUser: string;
beforeEach(async () => {
  stack = await createFullStack();
  await stack.install();
  superUser = await stack.sessionToken("1001", "1");
});
afterEach(() => stack.close());

const ledgerRows = async () =>
  (await stack.db.select().from(connections)).filter((row) => row.kind !== "pos");

describe("connecting a ledger", () => {
  it("sends a super user to the ledger's consent with a state bound to a signed cookie", async () => {
    const begin = await stack.request(`/connect/qbo?id_token=${superUser}`);
    expect(begin.status).toBe(302);
    const location = new URL(begin.headers.get("location") ?? "");
    expect(location.pathname).toBe("/sandbox/qbo/connect/oauth2");
    expect(location.searchParams.get("redirect_uri")).toBe(`${stack.env.appUrl}/oauth/ledger/callback`);
    expect(location.searchParams.get("state")).toMatch(/^[0-9a-f]{64}$/);
    expect(begin.headers.get("set-cookie")).toMatch(/daybook_ledger_oauth=.*HttpOnly/);
  });

  it("refuses a cashier, and a request without a session token", async () => {
    const cashier = await stack.sessionToken("1001", "3");
    expect((await stack.request(`/connect/qbo?id_token=${cashier}`)).status).toBe(403);
    expect((await stack.request(`/connect/qbo`)).status).toBe(401);
  });

  it("names an unknown ledger", async () => {
    const response = await stack.request(`/connect/sage?id_token=${superUser}`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("sage");
  });

  it("refuses a callback whose state does not match its cookie, or comes without one, storing nothing", async () => {
    const begin = await stack.request(`/connect/xero?id_token=${superUser}`);
    const cookie = (begin.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const forged = await stack.request(`/oauth/ledger/callback?code=x&state=${"0".repeat(64)}`, {
      headers: { cookie },
    });
    expect(forged.status).toBe(400);
    const cookieless = await stack.request(`/oauth/ledger/callback?code=x&state=anything`);
    expect(cookieless.status).toBe(400);
    expect(await ledgerRows()).toEqual([]);
  });

  it("a denied consent connects nothing", async () => {
    const begin = await stack.request(`/connect/qbo?id_token=${superUser}`);
    const cookie = (begin.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const consent = new URL(begin.headers.get("location") ?? "");
    const form = new URLSearchParams(consent.searchParams);
    form.set("decision", "deny");
    const denied = await stack.request(consent.toString(), { method: "POST", body: form });
    const back = await stack.request(denied.headers.get("location") ?? "", { headers: { cookie } });
    expect(back.status).toBe(403);
    expect(await ledgerRows()).toEqual([]);
  });

  it("an account posts to one ledger: connecting Xero disconnects QuickBooks, and both are recorded", async () => {
    await stack.connectLedger("qbo", superUser, "9341450000001001");
    await stack.connectLedger("xero", superUser, "3f8d2c1a-6b4e-4d7a-9f2e-1c5b8a7d6e01");
    const rows = await ledgerRows();
    expect(rows.find((row) => row.kind === "xero")).toMatchObject({ status: "connected" });
    expect(rows.find((row) => row.kind === "qbo")).toMatchObject({
      status: "disconnected",
      accessToken: null,
    });
    const connects = (await stack.db.select().from(executions)).filter((run) => run.action === "connect");
    expect(connects).toHaveLength(2);
  });

  it("the chart is read from the ledger once, then from the cache until a refresh is asked for", async () => {
    const chart = async (query = "") => {
      const token = await stack.sessionToken("1001", "1");
      return stack.request(`/api/ledger/chart${query}`, { headers: { authorization: `Bearer ${token}` } });
    };
    expect((await chart()).status).toBe(409);
    await stack.connectLedger(
      "xero",
      await stack.sessionToken("1001", "1"),
      "3f8d2c1a-6b4e-4d7a-9f2e-1c5b8a7d6e01",
    );
    const first = (await (await chart()).json()) as {
      ledger: string;
      fetchedAt: number;
      chart: { accounts: unknown[] };
    };
    expect(first.ledger).toBe("xero");
    expect(first.chart.accounts.length).toBeGreaterThan(10);
    stack.clock.advance(60_000);
    expect(((await (await chart()).json()) as { fetchedAt: number }).fetchedAt).toBe(first.fetchedAt);
    expect(((await (await chart("?refresh=1")).json()) as { fetchedAt: number }).fetchedAt).toBe(
      first.fetchedAt + 60_000,
    );
    expect((await chart("?refresh=yes")).status).toBe(400);
  });

  it("disconnecting forgets the tokens", async () => {
    await stack.connectLedger("qbo", superUser, "9341450000001001");
    const response = await stack.request("/api/ledger/disconnect", {
      method: "POST",
      headers: { authorization: `Bearer ${superUser}` },
    });
    expect(response.status).toBe(200);
    expect((await ledgerRows())[0]).toMatchObject({
      status: "disconnected",
      accessToken: null,
      refreshToken: null,
    });
  });
});
