// The sandbox QuickBooks OAuth server: consent with a company choice, single-use codes, HTTP Basic client
// authentication, rotating refresh tokens, revocation, and grants that survive a restart.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ACCESS_TOKEN_TTL_SECONDS,
  AUTHORIZATION_CODE_TTL_MS,
  REFRESH_TOKEN_TTL_SECONDS,
} from "../../../../server/sandbox/qbo/oauth";
import {
  basicAuth,
  BASE,
  CLIENT_ID,
  DEMO,
  type QboSandbox,
  REDIRECT_URI,
  startQboSandbox,
  type Tokens,
} from "./setup";

let sandbox: QboSandbox;
beforeEach(async () => {
  sandbox = await startQboSandbox();
});
afterEach(() => sandbox.close());

const consentQuery = (overrides: Record<string, string> = {}) =>
  new URLSearchParams({
    client_id: CLIENT_ID,
    response_type: "code",
    scope: "com.intuit.quickbooks.accounting openid",
    redirect_uri: REDIRECT_URI,
    state: "st<4>te",
    ...overrides,
  });

async function exchange(code: string, authorization?: string) {
  return sandbox.token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI }, authorization);
}

const apiStatus = async (accessToken: string) =>
  (await sandbox.api(`companyinfo/${DEMO}`, { token: accessToken })).status;

describe("consent", () => {
  it("lets the person pick one of the sandbox companies, the request escaped into the form", async () => {
    const response = await sandbox.app.request(`${BASE}/connect/oauth2?${consentQuery()}`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain("Demo Coffee Books (realm 9341450000001001)");
    expect(page).toContain("Maple Bakery Books (realm 9341450000002002)");
    expect(page).toContain('value="st&lt;4&gt;te"');
    expect(page).not.toContain("st<4>te");
  });

  it("refuses a request with another app, another response type, no accounting scope or no state", async () => {
    for (const [override, problem] of [
      [{ client_id: "someone-else" }, "client_id is not a known app"],
      [{ response_type: "token" }, "response_type must be code"],
      [{ scope: "openid" }, "scope must include com.intuit.quickbooks.accounting"],
      [{ redirect_uri: "javascript:alert(1)" }, "redirect_uri must be an http(s) URL"],
      [{ state: "" }, "state is required"],
    ] as const) {
      const response = await sandbox.app.request(`${BASE}/connect/oauth2?${consentQuery(override)}`);
      expect(response.status).toBe(400);
      expect(await response.text()).toContain(problem);
    }
  });

  it("redirects back with the code, the state and the chosen company's realmId", async () => {
    const { response, query } = await sandbox.authorize(DEMO);
    expect(response.status).toBe(302);
    expect(query.get("state")).toBe("st4te");
    expect(query.get("realmId")).toBe(DEMO);
    expect(query.get("code")).toMatch(/^sbx_qbo_code_/);
  });

  it("redirects back with access_denied when the person cancels", async () => {
    const { query } = await sandbox.authorize(DEMO, { decision: "deny" });
    expect(query.get("error")).toBe("access_denied");
    expect(query.get("state")).toBe("st4te");
    expect(query.get("code")).toBeNull();
  });
});

describe("token endpoint", () => {
  it("exchanges a code once, for a bearer access token of an hour and a refresh token of 100 days", async () => {
    const code = (await sandbox.authorize()).query.get("code") ?? "";
    const first = await exchange(code);
    expect(first.status).toBe(200);
    expect(first.headers.get("Cache-Control")).toBe("no-store");
    const tokens = (await first.json()) as Tokens;
    expect(tokens).toEqual({
      token_type: "bearer",
      access_token: expect.stringMatching(/^sbx_qbo_at_/),
      refresh_token: expect.stringMatching(/^sbx_qbo_rt_/),
      expires_in: ACCESS_TOKEN_TTL_SECONDS,
      x_refresh_token_expires_in: REFRESH_TOKEN_TTL_SECONDS,
    });
    expect(await apiStatus(tokens.access_token)).toBe(200);
    const replay = await exchange(code);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toEqual({ error: "invalid_grant" });
  });

  it("refuses a code after ten minutes, or for another redirect_uri", async () => {
    const late = (await sandbox.authorize()).query.get("code") ?? "";
    sandbox.time.advance(AUTHORIZATION_CODE_TTL_MS);
    expect((await exchange(late)).status).toBe(400);
    const elsewhere = (await sandbox.authorize()).query.get("code") ?? "";
    const response = await sandbox.token({
      grant_type: "authorization_code",
      code: elsewhere,
      redirect_uri: "http://evil.test/callback",
    });
    expect(await response.json()).toEqual({ error: "invalid_grant" });
  });

  it("authenticates the app with HTTP Basic only", async () => {
    const code = (await sandbox.authorize()).query.get("code") ?? "";
    expect((await exchange(code, basicAuth(CLIENT_ID, "wrong-secret"))).status).toBe(401);
    expect((await exchange(code, "")).status).toBe(401);
    const inBody = await sandbox.app.request(`${BASE}/oauth2/v1/tokens/bearer`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: REDIRECT_URI,
        client_id: CLIENT_ID,
        client_secret: "test-qbo-secret",
      }),
    });
    expect(inBody.status).toBe(401);
    expect(await inBody.json()).toEqual({ error: "invalid_client" });
    // The code was not spent by the refused attempts.
    expect((await exchange(code)).status).toBe(200);
  });

  it("rotates the refresh token on every refresh", async () => {
    const tokens = await sandbox.connect();
    const refreshed = await sandbox.token({
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as Tokens;
    expect(next.refresh_token).not.toBe(tokens.refresh_token);
    expect(await apiStatus(next.access_token)).toBe(200);
    const reused = await sandbox.token({ grant_type: "refresh_token", refresh_token: tokens.refresh_token });
    expect(reused.status).toBe(400);
    expect(
      (await sandbox.token({ grant_type: "refresh_token", refresh_token: next.refresh_token })).status,
    ).toBe(200);
  });

  it("expires access tokens after an hour and refresh tokens after 100 days", async () => {
    const tokens = await sandbox.connect();
    sandbox.time.advance(ACCESS_TOKEN_TTL_SECONDS * 1000);
    expect(await apiStatus(tokens.access_token)).toBe(401);
    sandbox.time.advance(REFRESH_TOKEN_TTL_SECONDS * 1000);
    expect(
      (await sandbox.token({ grant_type: "refresh_token", refresh_token: tokens.refresh_token })).status,
    ).toBe(400);
  });

  it("refuses an unknown grant type", async () => {
    const response = await sandbox.token({ grant_type: "client_credentials" });
    expect(await response.json()).toEqual({ error: "unsupported_grant_type" });
  });
});

describe("revoke", () => {
  it("ends the grant whichever of its tokens is revoked", async () => {
    const tokens = await sandbox.connect();
    const other = await sandbox.connect();
    const response = await sandbox.app.request(`${BASE}/oauth2/v1/tokens/revoke`, {
      method: "POST",
      headers: { Authorization: basicAuth(), "Content-Type": "application/json" },
      body: JSON.stringify({ token: tokens.refresh_token }),
    });
    expect(response.status).toBe(200);
    expect(await apiStatus(tokens.access_token)).toBe(401);
    expect(
      (await sandbox.token({ grant_type: "refresh_token", refresh_token: tokens.refresh_token })).status,
    ).toBe(400);
    // Every grant of the app on that company goes: QuickBooks keeps one connection per app and company.
    expect(await apiStatus(other.access_token)).toBe(401);
  });

  it("requires the app's credentials", async () => {
    const tokens = await sandbox.connect();
    const response = await sandbox.app.request(`${BASE}/oauth2/v1/tokens/revoke`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token: tokens.access_token }),
    });
    expect(response.status).toBe(401);
    expect(await apiStatus(tokens.access_token)).toBe(200);
  });
});

it("keeps its grants across a restart on the same database", async () => {
  const tokens = await sandbox.connect();
  const restarted = await startQboSandbox({ db: sandbox.database });
  const response = await restarted.token({
    grant_type: "refresh_token",
    refresh_token: tokens.refresh_token,
  });
  expect(response.status).toBe(200);
});
