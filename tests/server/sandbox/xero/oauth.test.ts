// The sandbox Xero's identity server and connections: the consent, single-use codes, HTTP Basic client
// authentication, rotating refresh tokens, 30-minute access tokens, and the organisations a token reaches.
import { decodeJwt } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_COFFEE_LTD, MAPLE_BAKERY_LTD } from "../../../../server/sandbox/xero/organisations";
import { pkceChallenge, pkceVerifier } from "../../../../server/crypto/random";
import {
  API_URL,
  AUTH_URL,
  CLIENT_ID,
  REDIRECT_URI,
  SCOPE,
  startXeroSandbox,
  TOKEN_URL,
  type XeroSandbox,
} from "./setup";

let sandbox: XeroSandbox;
beforeEach(async () => {
  sandbox = await startXeroSandbox();
});
afterEach(() => sandbox.close());

const authorize = (params: Record<string, string> = {}) =>
  new URLSearchParams({
    response_type: "code",
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    scope: SCOPE,
    state: "xyz",
    ...params,
  });

const connections = (token: string) =>
  sandbox.app.request(`${API_URL}/connections`, { headers: { authorization: `Bearer ${token}` } });

describe("the consent", () => {
  it("shows both organisations to choose from", async () => {
    const page = await sandbox.app.request(`${AUTH_URL}?${authorize()}`);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain("Demo Coffee Ltd");
    expect(text).toContain("Maple Bakery Ltd");
    expect(text).toContain(`value="${DEMO_COFFEE_LTD.tenantId}"`);
  });

  it.each([
    [{ client_id: "someone-else" }, "client_id is not a known app"],
    [{ redirect_uri: "https://evil.test/callback" }, "redirect_uri is not registered"],
    [{ response_type: "token" }, "response_type must be code"],
    [
      { scope: "openid accounting.transactions" },
      "scope must include accounting.transactions accounting.settings offline_access",
    ],
  ])("refuses an invalid request (%o)", async (params, problem) => {
    const page = await sandbox.app.request(`${AUTH_URL}?${authorize(params)}`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain(problem);
  });

  it("sends the person back with the state, and access_denied when they cancel", async () => {
    const form = new URLSearchParams({ ...Object.fromEntries(authorize()), decision: "deny" });
    const denied = await sandbox.app.request(AUTH_URL, { method: "POST", body: form });
    const back = new URL(denied.headers.get("location") ?? "");
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    expect(Object.fromEntries(back.searchParams)).toEqual({ state: "xyz", error: "access_denied" });
  });
});

describe("the token endpoint", () => {
  async function code(tenantId = DEMO_COFFEE_LTD.tenantId) {
    const form = new URLSearchParams({ ...Object.fromEntries(authorize()), tenantId, decision: "approve" });
    const approved = await sandbox.app.request(AUTH_URL, { method: "POST", body: form });
    const back = new URL(approved.headers.get("location") ?? "");
    expect(back.searchParams.get("state")).toBe("xyz");
    return back.searchParams.get("code") ?? "";
  }

  it("exchanges a code once for 30-minute tokens whose JWT names the authentication event", async () => {
    const granted = await code();
    const first = await sandbox.tokenRequest({
      grant_type: "authorization_code",
      code: granted,
      redirect_uri: REDIRECT_URI,
    });
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-store");
    const tokens = (await first.json()) as Record<string, unknown>;
    expect(tokens).toMatchObject({ expires_in: 1800, token_type: "Bearer", scope: SCOPE });
    const claims = decodeJwt(String(tokens.access_token));
    expect(claims.exp! - claims.iat!).toBe(1800);
    const listed = (await (await connections(String(tokens.access_token))).json()) as Record<
      string,
      unknown
    >[];
    expect(listed).toEqual([
      expect.objectContaining({
        tenantId: DEMO_COFFEE_LTD.tenantId,
        tenantType: "ORGANISATION",
        tenantName: "Demo Coffee Ltd",
        authEventId: claims.authentication_event_id,
      }),
    ]);
    const again = await sandbox.tokenRequest({
      grant_type: "authorization_code",
      code: granted,
      redirect_uri: REDIRECT_URI,
    });
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ error: "invalid_grant" });
  });

  it("authenticates the client with HTTP Basic only", async () => {
    const granted = await code();
    const wrong = await sandbox.tokenRequest(
      { grant_type: "authorization_code", code: granted, redirect_uri: REDIRECT_URI },
      "not-the-secret",
    );
    expect(wrong.status).toBe(401);
    const inBody = await sandbox.app.request(TOKEN_URL, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "authorization_code", code: granted, client_id: CLIENT_ID }),
    });
    expect(inBody.status).toBe(401);
    expect(await inBody.json()).toEqual({ error: "invalid_client" });
  });

  it("rotates refresh tokens: each works once", async () => {
    const tokens = await sandbox.connect();
    const refreshed = await sandbox.tokenRequest({
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as { access_token: string; refresh_token: string };
    expect(next.refresh_token).not.toBe(tokens.refresh_token);
    const replayed = await sandbox.tokenRequest({
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
    });
    expect(replayed.status).toBe(400);
    const chained = await sandbox.tokenRequest({
      grant_type: "refresh_token",
      refresh_token: next.refresh_token,
    });
    expect(chained.status).toBe(200);
  });

  it("expires access tokens after 30 minutes", async () => {
    const tokens = await sandbox.connect();
    expect((await sandbox.api("Accounts", { token: tokens.access_token })).status).toBe(200);
    sandbox.advance(30 * 60_000);
    const expired = await sandbox.api("Accounts", { token: tokens.access_token });
    expect(expired.status).toBe(401);
    expect(expired.headers.get("www-authenticate")).toContain("invalid_token");
  });

  it("checks PKCE when the authorization request had a challenge", async () => {
    const verifier = pkceVerifier();
    const challenge = await pkceChallenge(verifier);
    const form = new URLSearchParams({
      ...Object.fromEntries(authorize({ code_challenge: challenge, code_challenge_method: "S256" })),
      tenantId: DEMO_COFFEE_LTD.tenantId,
      decision: "approve",
    });
    const approved = await sandbox.app.request(AUTH_URL, { method: "POST", body: form });
    const granted = new URL(approved.headers.get("location") ?? "").searchParams.get("code") ?? "";
    const without = await sandbox.tokenRequest({
      grant_type: "authorization_code",
      code: granted,
      redirect_uri: REDIRECT_URI,
    });
    expect(without.status).toBe(400);
    const second = await sandbox.app.request(AUTH_URL, { method: "POST", body: form });
    const code2 = new URL(second.headers.get("location") ?? "").searchParams.get("code") ?? "";
    const withVerifier = await sandbox.tokenRequest({
      grant_type: "authorization_code",
      code: code2,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    });
    expect(withVerifier.status).toBe(200);
  });
});

describe("connections", () => {
  it("reach only the organisations the app is connected to; a deleted connection closes the door", async () => {
    const tokens = await sandbox.connect(DEMO_COFFEE_LTD.tenantId);
    const maple = await sandbox.api("Accounts", {
      token: tokens.access_token,
      tenant: MAPLE_BAKERY_LTD.tenantId,
    });
    expect(maple.status).toBe(403);
    const missing = await sandbox.app.request(`${API_URL}/api.xro/2.0/Accounts`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(missing.status).toBe(403);

    await sandbox.connect(MAPLE_BAKERY_LTD.tenantId);
    expect(
      (await sandbox.api("Accounts", { token: tokens.access_token, tenant: MAPLE_BAKERY_LTD.tenantId }))
        .status,
    ).toBe(200);
    const listed = (await (await connections(tokens.access_token)).json()) as {
      id: string;
      tenantId: string;
    }[];
    expect(listed.map((connection) => connection.tenantId)).toEqual([
      DEMO_COFFEE_LTD.tenantId,
      MAPLE_BAKERY_LTD.tenantId,
    ]);
    const demo = listed.find((connection) => connection.tenantId === DEMO_COFFEE_LTD.tenantId);
    const removed = await sandbox.app.request(`${API_URL}/connections/${demo?.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(removed.status).toBe(204);
    expect((await sandbox.api("Accounts", { token: tokens.access_token })).status).toBe(403);
  });

  it("needs a live token", async () => {
    expect((await connections("not-a-token")).status).toBe(401);
  });
});
