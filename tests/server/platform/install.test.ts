// The install, end to end against the sandbox POS: the app's routes, the sandbox OAuth server, the
// Lightspeed adapter over the sandbox API, webhook subscriptions; then the app's first API call.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accounts, connections, executions, stores } from "../../../server/db/schema";
import { manifest } from "../../../server/manifest";
import { DEMO_COFFEE, MAPLE_BAKERY } from "../../../server/sandbox/pos/roster";
import { createFullStack, type FullStack } from "../../support/fullStack";

let stack: FullStack;
beforeEach(async () => {
  stack = await createFullStack();
});
afterEach(() => stack.close());

describe("installing Daybook from the sandbox POS", () => {
  it("imports the account and its three stores with their time zones, keeps only sealed tokens, and lands in the POS", async () => {
    const landed = await stack.install();
    expect(landed.status).toBe(302);
    expect(landed.headers.get("location")).toBe(`${stack.env.posAdminUrl}?installed=daybook&account=1001`);

    const [account] = await stack.db.select().from(accounts);
    expect(account).toMatchObject({ posAccountId: "1001", name: "Demo Coffee", status: "installed" });
    const imported = await stack.db.select().from(stores);
    expect(imported.map((s) => [s.posShopId, s.name, s.timezone, s.currency]).sort()).toEqual(
      DEMO_COFFEE.shops.map((s) => [s.shopID, s.name, s.timeZone, s.currency]).sort(),
    );
    const [pos] = await stack.db.select().from(connections);
    expect(pos).toMatchObject({ kind: "pos", status: "connected" });
    expect(pos?.accessToken).toMatch(/^v1\./);
    expect(pos?.refreshToken).toMatch(/^v1\./);

    const runs = await stack.db.select().from(executions);
    expect(runs).toEqual([expect.objectContaining({ action: "install", status: "succeeded" })]);
  });

  it("a reinstall updates the account and rotates the tokens without duplicating anything", async () => {
    await stack.install();
    const before = await stack.db.select().from(connections);
    stack.clock.advance(86_400_000);
    const again = await stack.install();
    expect(again.status).toBe(302);
    expect(await stack.db.select().from(accounts)).toHaveLength(1);
    expect(await stack.db.select().from(stores)).toHaveLength(3);
    const after = await stack.db.select().from(connections);
    expect(after).toHaveLength(1);
    expect(after[0]?.accessToken).not.toBe(before[0]?.accessToken);
    const [account] = await stack.db.select().from(accounts);
    expect(account?.syncStartDate).toBe("2026-11-20");
  });

  it("two merchants install side by side as two accounts", async () => {
    await stack.install(DEMO_COFFEE.accountID);
    await stack.install(MAPLE_BAKERY.accountID);
    const all = await stack.db.select().from(accounts);
    expect(all.map((a) => a.name).sort()).toEqual(["Demo Coffee", "Maple Bakery"]);
    expect(await stack.db.select().from(stores)).toHaveLength(4);
  });

  it("publishes its manifest with absolute URLs for the POS to read", async () => {
    const response = await stack.request("/app.manifest.json");
    expect(await response.json()).toMatchObject({
      name: "Daybook",
      oauth: { install: `${stack.env.appUrl}/install`, redirect: `${stack.env.appUrl}/oauth/callback` },
      webhooks: { endpoint: `${stack.env.appUrl}/webhooks/pos`, topics: manifest.webhooks.topics },
    });
  });

  it("the POS's session token then opens the API for the installed account", async () => {
    await stack.install();
    const token = await stack.sessionToken("1001", "2", "RS256");
    const response = await stack.request("/api/session", { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const session = (await response.json()) as {
      account: { name: string };
      user: { role: string };
      locale: string;
    };
    expect(session).toMatchObject({
      account: { name: "Demo Coffee" },
      user: { role: "manager" },
      locale: "fr-CA",
    });
  });
});
