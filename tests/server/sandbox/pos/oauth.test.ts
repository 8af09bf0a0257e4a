import { createClient } from "@libsql/client";
import { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pkceChallenge, pkceVerifier } from "../../../../server/crypto/random";
import { databaseOf } from "../../../../server/db/client";
import {
  createSandboxPosAuth,
  revokeSandboxTokens,
  sandboxAccessTokenOwner,
} from "../../../../server/sandbox/pos/oauth";
import { createTestDatabase, type TestDatabase } from "../../../support/database";
import { manualClock, type ManualClock } from "../../../support/installPlatform";

const CLIENT_ID = "daybook-test";
const CLIENT_SECRET = "test-client-secret-at-least-32-characters";
const REDIRECT_URI = "http://app.test/oauth/callback";

let database: TestDatabase;
let time: ManualClock;
let app: Hono;

beforeEach(async () => {
  database = await createTestDatabase();
  time = manualClock();
  app = createSandboxPosAuth({
    db: database.db,
    clock: time.clock,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUris: [REDIRECT_URI],
  });
});
afterEach(() => database.close());

async function authorizeParams(overrides: Record<string, string> = {}) {
  const verifier = pkceVerifier();
  const params: Record<string, string> = {
    response_type: "code",
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    scope: "employee:register_read employee:reports",
    state: "st4te",
    code_challenge: await pkceChallenge(verifier),
    code_challenge_method: "S256",
    ...overrides,
  };
  return { verifier, params };
}

async function approve(params: Record<string, string>, account = "1001", decision = "approve") {
  return app.request("/oauth/authorize", {
    method: "POST",
    body: new URLSearchParams({ ...params, account, decision }),
  });
}

async function newCode(account = "1001") {
  const { verifier, params } = await authorizeParams();
  const response = await approve(params, account);
  const code = new URL(response.headers.get("location")!).searchParams.get("code")!;
  return { code, verifier };
}

function token(body: Record<string, unknown>, as: "json" | "form" = "json") {
  const fields = { client_id: CLIENT_ID, client_secret: CLIENT_SECRET, ...body };
  return app.request("/oauth/token", {
    method: "POST",
    ...(as === "json"
      ? { headers: { "content-type": "application/json" }, body: JSON.stringify(fields) }
      : { body: new URLSearchParams(fields as Record<string, string>) }),
  });
}

interface Tokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: string;
  scope: string;
}

async function exchange(account = "1001"): Promise<Tokens> {
  const { code, verifier } = await newCode(account);
  const response = await token({
    grant_type: "authorization_code",
    code,
    code_verifier: verifier,
    redirect_uri: REDIRECT_URI,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Tokens;
}

const owner = (accessToken: string) => sandboxAccessTokenOwner(database.db, time.clock, accessToken);

async function expectOAuthError(response: Response, status: number, error: string) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: string; error_description: string };
  expect(body.error).toBe(error);
  return body.error_description;
}

describe("GET /oauth/authorize", () => {
  it("shows the consent page for a valid request", async () => {
    const { params } = await authorizeParams();
    const page = await app.request(
      `/oauth/authorize?${new URLSearchParams({ ...params, login_hint: "2002" })}`,
    );
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain("Daybook");
    expect(body).toContain("employee:reports");
    expect(body).toMatch(/value="2002"\s+selected/);
  });

  it.each([
    [{ client_id: "someone-else" }, "client_id is not a known app"],
    [{ redirect_uri: "http://evil.test/oauth/callback" }, "redirect_uri is not registered"],
    [{ redirect_uri: "javascript:alert(1)" }, "redirect_uri must be an http(s) URL"],
    [{ response_type: "token" }, "response_type must be code"],
    [{ code_challenge_method: "plain" }, "code_challenge_method must be S256"],
    [{ code_challenge: "short" }, "code_challenge must be a PKCE S256 challenge"],
  ])("refuses %o with a page naming the problem", async (overrides, problem) => {
    const { params } = await authorizeParams(overrides);
    const page = await app.request(`/oauth/authorize?${new URLSearchParams(params)}`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain(problem);
  });
});

describe("POST /oauth/authorize", () => {
  it("approving redirects back with a code and the state; denying with access_denied", async () => {
    const { params } = await authorizeParams();
    const approved = new URL((await approve(params)).headers.get("location")!);
    expect(`${approved.origin}${approved.pathname}`).toBe(REDIRECT_URI);
    expect(approved.searchParams.get("state")).toBe("st4te");
    expect(approved.searchParams.get("code")).toMatch(/^sbx_code_[0-9a-f]{48}$/);

    const denied = new URL((await approve(params, "1001", "deny")).headers.get("location")!);
    expect(Object.fromEntries(denied.searchParams)).toEqual({ state: "st4te", error: "access_denied" });
  });

  it("refuses a merchant that is not in the sandbox, and a tampered request", async () => {
    const { params } = await authorizeParams();
    expect((await approve(params, "9999")).status).toBe(400);
    expect((await approve({ ...params, redirect_uri: "http://evil.test/" })).status).toBe(400);
  });
});

describe("POST /oauth/token", () => {
  it("exchanges a code for a 1 h access token and a refresh token of the chosen merchant", async () => {
    const tokens = await exchange("2002");
    expect(tokens).toMatchObject({
      expires_in: 3600,
      token_type: "Bearer",
      scope: "employee:register_read employee:reports",
    });
    expect(await owner(tokens.access_token)).toBe("2002");
    time.advance(3600_000 - 1);
    expect(await owner(tokens.access_token)).toBe("2002");
    time.advance(1);
    expect(await owner(tokens.access_token)).toBeNull();
  });

  it("accepts a form body as well as JSON", async () => {
    const { code, verifier } = await newCode();
    const response = await token({ grant_type: "authorization_code", code, code_verifier: verifier }, "form");
    expect(response.status).toBe(200);
  });

  it("a code is single use: the replay is invalid_grant", async () => {
    const { code, verifier } = await newCode();
    const grant = { grant_type: "authorization_code", code, code_verifier: verifier };
    expect((await token(grant)).status).toBe(200);
    expect(await expectOAuthError(await token(grant), 400, "invalid_grant")).toContain("already used");
  });

  it("a code expires after 60 s", async () => {
    const { code, verifier } = await newCode();
    time.advance(60_000);
    const description = await expectOAuthError(
      await token({ grant_type: "authorization_code", code, code_verifier: verifier }),
      400,
      "invalid_grant",
    );
    expect(description).toContain("expired");
  });

  it("checks the PKCE verifier and the redirect URI, and spends the code on a failed attempt", async () => {
    const { code, verifier } = await newCode();
    expect(
      await expectOAuthError(
        await token({ grant_type: "authorization_code", code, code_verifier: pkceVerifier() }),
        400,
        "invalid_grant",
      ),
    ).toContain("code_verifier");
    expect((await token({ grant_type: "authorization_code", code, code_verifier: verifier })).status).toBe(
      400,
    );

    const other = await newCode();
    expect(
      await expectOAuthError(
        await token({
          grant_type: "authorization_code",
          code: other.code,
          code_verifier: other.verifier,
          redirect_uri: "http://app.test/elsewhere",
        }),
        400,
        "invalid_grant",
      ),
    ).toContain("redirect_uri");
  });

  it("authenticates the client", async () => {
    const { code, verifier } = await newCode();
    const grant = { grant_type: "authorization_code", code, code_verifier: verifier };
    await expectOAuthError(await token({ ...grant, client_secret: "wrong" }), 401, "invalid_client");
    await expectOAuthError(await token({ ...grant, client_id: "other" }), 401, "invalid_client");
    // The failed attempts did not spend the code.
    expect((await token(grant)).status).toBe(200);
  });

  it("names malformed requests", async () => {
    await expectOAuthError(await token({ grant_type: "password" }), 400, "unsupported_grant_type");
    await expectOAuthError(await token({ grant_type: "authorization_code" }), 400, "invalid_request");
    await expectOAuthError(await token({ grant_type: "refresh_token" }), 400, "invalid_request");
    const notJson = await app.request("/oauth/token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    await expectOAuthError(notJson, 400, "invalid_request");
    const noSecret = await app.request("/oauth/token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ grant_type: "refresh_token", client_id: CLIENT_ID }),
    });
    expect(await expectOAuthError(noSecret, 400, "invalid_request")).toContain("client_secret");
  });

  it("rotates refresh tokens: each refresh returns a new pair and the old refresh token stops working", async () => {
    const first = await exchange();
    const refreshed = await token({ grant_type: "refresh_token", refresh_token: first.refresh_token });
    expect(refreshed.status).toBe(200);
    const second = (await refreshed.json()) as Tokens;
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(await owner(second.access_token)).toBe("1001");
    await expectOAuthError(
      await token({ grant_type: "refresh_token", refresh_token: first.refresh_token }),
      400,
      "invalid_grant",
    );
    expect((await token({ grant_type: "refresh_token", refresh_token: second.refresh_token })).status).toBe(
      200,
    );
  });

  it("of two refreshes racing with the same refresh token, exactly one succeeds", async () => {
    const { refresh_token } = await exchange();
    const answers = await Promise.all(
      [1, 2, 3].map(() => token({ grant_type: "refresh_token", refresh_token })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 400, 400]);
  });

  it("grants survive a restart: a new server over the same database file honours them", async () => {
    const tokens = await exchange();
    const client = createClient({ url: database.url });
    try {
      const restarted = createSandboxPosAuth({
        db: databaseOf(client),
        clock: time.clock,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
      });
      expect(await sandboxAccessTokenOwner(databaseOf(client), time.clock, tokens.access_token)).toBe("1001");
      const refreshed = await restarted.request("/oauth/token", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          grant_type: "refresh_token",
          refresh_token: tokens.refresh_token,
        }),
      });
      expect(refreshed.status).toBe(200);
    } finally {
      client.close();
    }
  });
});

describe("revokeSandboxTokens", () => {
  it("revokes every token of one account and no other", async () => {
    const demo = await exchange("1001");
    const maple = await exchange("2002");
    await revokeSandboxTokens(database.db, "1001");
    expect(await owner(demo.access_token)).toBeNull();
    await expectOAuthError(
      await token({ grant_type: "refresh_token", refresh_token: demo.refresh_token }),
      400,
      "invalid_grant",
    );
    expect(await owner(maple.access_token)).toBe("2002");
    expect((await token({ grant_type: "refresh_token", refresh_token: maple.refresh_token })).status).toBe(
      200,
    );
  });

  it("an unknown token has no owner", async () => {
    expect(await owner("sbx_at_unknown")).toBeNull();
    expect(await owner("__proto__")).toBeNull();
  });
});
