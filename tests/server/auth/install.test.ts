import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OAUTH_COOKIE } from "../../../server/auth/install";
import { openSecret } from "../../../server/crypto/secretBox";
import { accounts, connections, executions, stores } from "../../../server/db/schema";
import { manifest } from "../../../server/manifest";
import { listExecutionLogs } from "../../../server/repos/executions";
import { localDate } from "../../../shared/time";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import {
  answerConsent,
  APP_URL,
  createPlatform,
  manualClock,
  testEnv,
  type ManualClock,
  type Platform,
} from "../../support/installPlatform";

let database: TestDatabase;
let time: ManualClock;
let platform: Platform;

beforeEach(async () => {
  database = await createTestDatabase();
  time = manualClock();
  platform = createPlatform(database.db, time.clock);
});
afterEach(() => database.close());

interface Started {
  authorizeUrl: string;
  cookie: string;
  setCookie: string;
}

async function startInstall(query = ""): Promise<Started> {
  const response = await platform.app.request(`${APP_URL}/install${query}`);
  expect(response.status).toBe(302);
  const setCookie = response.headers.get("set-cookie") ?? "";
  return {
    authorizeUrl: response.headers.get("location") ?? "",
    cookie: setCookie.split(";")[0] ?? "",
    setCookie,
  };
}

async function approve(started: Started, merchant?: string): Promise<string> {
  const response = await answerConsent(platform.app, started.authorizeUrl, "approve", merchant);
  expect(response.status).toBe(302);
  return response.headers.get("location") ?? "";
}

async function callback(
  url: string,
  cookie?: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return platform.app.request(url, { headers: { ...(cookie ? { cookie } : {}), ...headers } });
}

async function install(): Promise<Response> {
  const started = await startInstall();
  return callback(await approve(started), started.cookie);
}

const rowsOf = async () => ({
  accounts: await database.db.select().from(accounts).all(),
  stores: await database.db.select().from(stores).all(),
  connections: await database.db.select().from(connections).all(),
});

describe("GET /install", () => {
  it("redirects to the POS's authorize page with the state and PKCE challenge bound to a signed cookie", async () => {
    const started = await startInstall("?account=1001");
    const authorize = new URL(started.authorizeUrl);
    expect(`${authorize.origin}${authorize.pathname}`).toBe("http://pos.test/sandbox/pos/oauth/authorize");
    const params = Object.fromEntries(authorize.searchParams);
    expect(params).toMatchObject({
      response_type: "code",
      client_id: "daybook-test",
      scope: manifest.scopes.join(" "),
      redirect_uri: `${APP_URL}/oauth/callback`,
      code_challenge_method: "S256",
      login_hint: "1001",
    });
    expect(params.state).toMatch(/^[0-9a-f]{64}$/);
    expect(params.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);

    expect(started.cookie.startsWith(`${OAUTH_COOKIE}=`)).toBe(true);
    expect(decodeURIComponent(started.cookie)).toContain(params.state);
    expect(started.cookie).not.toContain(params.code_challenge);
    expect(started.setCookie).toMatch(/Max-Age=600/);
    expect(started.setCookie).toMatch(/Path=\/oauth\/callback/);
    expect(started.setCookie).toMatch(/HttpOnly/);
    expect(started.setCookie).toMatch(/SameSite=Lax/);
    expect(started.setCookie).not.toMatch(/Secure/);
  });

  it("marks the cookie Secure when the app is served over https", async () => {
    platform = createPlatform(database.db, time.clock, testEnv({ appUrl: "https://app.test" }));
    const response = await platform.app.request("https://app.test/install");
    expect(response.headers.get("set-cookie")).toMatch(/; Secure/);
  });

  it("leads to the sandbox consent page naming the app, its scopes and the hinted merchant", async () => {
    const started = await startInstall("?account=2002");
    const page = await platform.app.request(started.authorizeUrl);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain("Authorize Daybook");
    for (const scope of manifest.scopes) expect(body).toContain(scope);
    expect(body).toMatch(/value="2002"\s+selected/);
    expect(body).not.toMatch(/value="1001"\s+selected/);
    expect(body).toMatch(/value="approve"/);
    expect(body).toMatch(/value="deny"/);
  });
});

describe("GET /oauth/callback", () => {
  it("installs: account, stores, sealed tokens, webhooks, an execution, then back into the POS", async () => {
    const response = await install();
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(
      "http://pos.test/sandbox/pos/backoffice?installed=daybook&account=1001",
    );
    expect(response.headers.get("set-cookie")).toMatch(new RegExp(`^${OAUTH_COOKIE}=; Max-Age=0`));
    expect(platform.outbound).toEqual(["/sandbox/pos/oauth/token"]);

    const rows = await rowsOf();
    expect(rows.accounts).toHaveLength(1);
    const [account] = rows.accounts;
    expect(account).toMatchObject({
      posAccountId: "1001",
      name: "Demo Coffee",
      status: "installed",
      syncStartDate: localDate(time.now(), "America/Toronto"),
      installedAt: time.now(),
    });
    expect(rows.stores.map((s) => [s.posShopId, s.name, s.timezone, s.currency]).sort()).toEqual([
      ["1", "Demo Coffee Queen St", "America/Toronto", "CAD"],
      ["2", "Demo Coffee Plateau", "America/Toronto", "CAD"],
      ["3", "Demo Coffee Gastown", "America/Vancouver", "CAD"],
    ]);
    expect(rows.stores.every((s) => s.accountId === account?.id)).toBe(true);

    const [connection] = rows.connections;
    expect(connection).toMatchObject({ accountId: account?.id, kind: "pos", status: "connected" });
    expect(connection?.expiresAt).toBe(time.now() + 3600_000);
    const key = platform.deps.env.tokenEncryptionKey;
    const accessToken = await openSecret(key, connection!.accessToken!);
    const refreshToken = await openSecret(key, connection!.refreshToken!);
    expect(platform.pos.tokensSeen).toContain(accessToken);
    expect(refreshToken).toMatch(/^sbx_rt_/);

    // No table holds a plaintext token: only the sandbox platform's own state knows them.
    for (const table of ["accounts", "stores", "connections", "users", "executions", "execution_logs"]) {
      const rows = JSON.stringify(await database.db.all(sql.raw(`select * from ${table}`)));
      expect(rows).not.toContain(accessToken);
      expect(rows).not.toContain(refreshToken);
      expect(rows).not.toMatch(/sbx_(at|rt)_/);
    }

    expect(platform.pos.subscriptions).toEqual(
      manifest.webhooks.topics.map((topic) => ({ topic, url: `${APP_URL}/webhooks/pos` })),
    );

    const [execution] = await database.db.select().from(executions).all();
    expect(execution).toMatchObject({ action: "install", trigger: "install", status: "succeeded" });
    const lines = await listExecutionLogs(database.db, account!.id, execution!.id);
    expect(lines.map((line) => line.message)).toEqual([
      "Daybook installed",
      "Store added: Demo Coffee Queen St",
      "Store added: Demo Coffee Plateau",
      "Store added: Demo Coffee Gastown",
      ...manifest.webhooks.topics.map((topic) => `Webhook subscribed: ${topic}`),
    ]);
  });

  it("refuses a state that differs from the cookie's, and stores nothing", async () => {
    const started = await startInstall();
    const url = new URL(await approve(started));
    url.searchParams.set("state", "0".repeat(64));
    const response = await callback(url.toString(), started.cookie);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("This installation link has expired");
    expect(await rowsOf()).toEqual({ accounts: [], stores: [], connections: [] });
    expect(platform.outbound).toEqual([]);
  });

  it("refuses a callback without the cookie", async () => {
    const started = await startInstall();
    const response = await callback(await approve(started));
    expect(response.status).toBe(400);
    expect((await rowsOf()).accounts).toEqual([]);
    expect(platform.outbound).toEqual([]);
  });

  it("refuses a forged cookie: another state under the old signature, or another signing secret", async () => {
    const started = await startInstall();
    const callbackUrl = await approve(started);
    const value = decodeURIComponent(started.cookie.slice(OAUTH_COOKIE.length + 1));
    const [, verifier, signature] = value.split(".");
    const forgedState = new URL(callbackUrl).searchParams
      .get("state")!
      .replace(/^./, (c) => (c === "a" ? "b" : "a"));
    const swapped = `${OAUTH_COOKIE}=${encodeURIComponent(`${forgedState}.${verifier}.${signature}`)}`;
    const url = new URL(callbackUrl);
    url.searchParams.set("state", forgedState);
    expect((await callback(url.toString(), swapped)).status).toBe(400);

    const other = createPlatform(
      database.db,
      time.clock,
      testEnv({ cookieSecret: "another-cookie-secret-of-32-characters!" }),
    );
    const foreign = await other.app.request(`${APP_URL}/install`);
    const foreignCookie = (foreign.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const foreignState = new URL(foreign.headers.get("location") ?? "").searchParams.get("state")!;
    const withForeignState = new URL(callbackUrl);
    withForeignState.searchParams.set("state", foreignState);
    expect((await callback(withForeignState.toString(), foreignCookie)).status).toBe(400);

    expect((await rowsOf()).accounts).toEqual([]);
    expect(platform.outbound).toEqual([]);
  });

  it("refuses a code that was already exchanged, and stores nothing", async () => {
    const started = await startInstall();
    const callbackUrl = await approve(started);
    const code = new URL(callbackUrl).searchParams.get("code");
    // Someone else redeemed the code first (without the verifier it fails, but the code is spent).
    const stolen = await platform.app.request(`${platform.deps.env.posAuthUrl}/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        client_id: platform.deps.env.posClientId,
        client_secret: platform.deps.env.posClientSecret,
        grant_type: "authorization_code",
        code,
        code_verifier: "x".repeat(43),
      }),
    });
    expect(stolen.status).toBe(400);
    const response = await callback(callbackUrl, started.cookie);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("The POS refused this authorization");
    expect(await rowsOf()).toEqual({ accounts: [], stores: [], connections: [] });
  });

  it("a replayed callback after an install is refused and changes nothing", async () => {
    const started = await startInstall();
    const callbackUrl = await approve(started);
    expect((await callback(callbackUrl, started.cookie)).status).toBe(302);
    const installed = await rowsOf();

    // The replay carries a fresh, valid state and cookie, and the spent code.
    const again = await startInstall();
    const replay = new URL(callbackUrl);
    replay.searchParams.set("state", new URL(again.authorizeUrl).searchParams.get("state")!);
    const response = await callback(replay.toString(), again.cookie);
    expect(response.status).toBe(400);
    expect(await rowsOf()).toEqual(installed);
  });

  it("when the merchant denies the consent, says so and stores nothing", async () => {
    const started = await startInstall();
    const denied = await answerConsent(platform.app, started.authorizeUrl, "deny");
    const location = new URL(denied.headers.get("location") ?? "");
    expect(location.searchParams.get("error")).toBe("access_denied");
    const response = await callback(location.toString(), started.cookie);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("Daybook was not authorized");
    expect((await rowsOf()).accounts).toEqual([]);
    expect(platform.outbound).toEqual([]);
  });

  it("speaks the browser's language", async () => {
    const response = await callback(`${APP_URL}/oauth/callback?code=x&state=y`, undefined, {
      "accept-language": "fr-CA,fr;q=0.9,en;q=0.5",
    });
    expect(response.status).toBe(400);
    const body = await response.text();
    expect(body).toContain('lang="fr"');
    expect(body).toContain("Ce lien d’installation a expiré");
  });

  it("a callback without a code names the problem", async () => {
    const started = await startInstall();
    const url = new URL(await approve(started));
    url.searchParams.delete("code");
    const response = await callback(url.toString(), started.cookie);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("did not send an authorization code");
  });

  it("when the POS refuses the webhook subscriptions, says so and records the failed execution", async () => {
    platform.pos.failSubscriptions = true;
    const response = await install();
    expect(response.status).toBe(502);
    expect(await response.text()).toContain("subscriptions refused");
    const [execution] = await database.db.select().from(executions).all();
    expect(execution).toMatchObject({ action: "install", status: "failed", error: "subscriptions refused" });
  });

  it("reinstalling updates the same account: no duplicates, sync start date kept, tokens rotated", async () => {
    expect((await install()).status).toBe(302);
    const first = await rowsOf();
    const key = platform.deps.env.tokenEncryptionKey;
    const firstAccess = await openSecret(key, first.connections[0]!.accessToken!);

    time.advance(9 * 86_400_000);
    platform.pos.account = { ...platform.pos.account, name: "Demo Coffee Co." };
    platform.pos.shops[0] = { ...platform.pos.shops[0]!, name: "Demo Coffee Queen Street" };
    expect((await install()).status).toBe(302);

    const second = await rowsOf();
    expect(second.accounts).toHaveLength(1);
    expect(second.accounts[0]).toMatchObject({
      id: first.accounts[0]!.id,
      name: "Demo Coffee Co.",
      syncStartDate: first.accounts[0]!.syncStartDate,
      installedAt: time.now(),
    });
    expect(second.stores).toHaveLength(3);
    expect(second.stores.map((s) => s.id).sort()).toEqual(first.stores.map((s) => s.id).sort());
    expect(second.stores.find((s) => s.posShopId === "1")?.name).toBe("Demo Coffee Queen Street");
    expect(second.connections).toHaveLength(1);
    const secondAccess = await openSecret(key, second.connections[0]!.accessToken!);
    expect(secondAccess).not.toBe(firstAccess);
    expect(second.connections[0]!.refreshToken).not.toBe(first.connections[0]!.refreshToken);
    expect(platform.pos.subscriptions).toHaveLength(manifest.webhooks.topics.length);

    const runs = await database.db.select().from(executions).all();
    expect(runs.map((run) => run.status)).toEqual(["succeeded", "succeeded"]);
    const lines = await listExecutionLogs(database.db, first.accounts[0]!.id, runs[1]!.id);
    expect(lines[0]?.message).toBe("Daybook reinstalled");
  });

  it("a shop that appeared since the first install becomes a new store of the same account", async () => {
    await install();
    platform.pos.shops.push({
      posShopId: "9",
      name: "Demo Coffee Kitsilano",
      timezone: "America/Vancouver",
      currency: "CAD",
    });
    await install();
    const { accounts: all, stores: allStores } = await rowsOf();
    expect(all).toHaveLength(1);
    expect(allStores).toHaveLength(4);
    expect(allStores.find((s) => s.posShopId === "9")).toMatchObject({
      accountId: all[0]!.id,
      timezone: "America/Vancouver",
    });
    const runs = await database.db.select().from(executions).where(eq(executions.action, "install")).all();
    const lines = await listExecutionLogs(database.db, all[0]!.id, runs[1]!.id);
    expect(lines.map((l) => l.message)).toContain("Store added: Demo Coffee Kitsilano");
    expect(lines.map((l) => l.message)).toContain("Store updated: Demo Coffee Queen St");
  });
});
