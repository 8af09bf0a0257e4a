import { Hono } from "hono";
import { exportSPKI, generateKeyPair, SignJWT, type JWTPayload } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  RETRY_INVALID_SESSION_HEADER,
  requireRole,
  sessionToken,
  type SessionEnv,
} from "../../../server/auth/sessionToken";
import { toBase64Url } from "../../../server/crypto/base64";
import type { Env } from "../../../server/env";
import { markAccountUninstalled, upsertInstalledAccount } from "../../../server/repos/accounts";
import { findUser } from "../../../server/repos/users";
import {
  createSandboxSessionTokens,
  mintSandboxSessionToken,
  sandboxJwks,
  type SessionTokenRequest,
} from "../../../server/sandbox/pos/sessionTokens";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { manualClock, POS_ORIGIN, testEnv, type ManualClock } from "../../support/installPlatform";

let database: TestDatabase;
let time: ManualClock;
let env: Env;
let jwksRequests: number;

beforeEach(async () => {
  database = await createTestDatabase();
  time = manualClock();
  env = testEnv();
  jwksRequests = 0;
  const { db } = database;
  await upsertInstalledAccount(
    db,
    { id: "acc-demo", posAccountId: "1001", name: "Demo", syncStartDate: "2026-03-02" },
    1,
  );
  await upsertInstalledAccount(
    db,
    { id: "acc-maple", posAccountId: "2002", name: "Maple", syncStartDate: "2026-03-02" },
    1,
  );
  await markAccountUninstalled(db, "acc-maple", 2);
});
afterEach(() => database.close());

/** The app under test: the middleware over two API routes, the platform's JWKS behind Deps.fetch. */
function api(overrides: Partial<Env> = {}, fetchImpl?: typeof fetch) {
  const sandbox = createSandboxSessionTokens({ ...mintOptions(), db: database.db });
  const fetchJwks: typeof fetch = async (input, init) => {
    jwksRequests += 1;
    const url = new URL(new Request(input, init).url);
    return sandbox.request(url.pathname.replace("/sandbox/pos", ""), init);
  };
  const deps = {
    env: { ...env, ...overrides },
    db: database.db,
    clock: time.clock,
    fetch: fetchImpl ?? fetchJwks,
  };
  return new Hono<SessionEnv>()
    .use("/api/*", sessionToken(deps))
    .get("/api/me", (c) => {
      const { account, user, role, locale } = c.var.session;
      return c.json({ accountId: account.id, userId: user.id, posUserId: user.posUserId, role, locale });
    })
    .get("/api/scheduler", requireRole("super_user"), (c) => c.json({ ok: true }));
}

function mintOptions(
  overrides: { clientId?: string; clientSecret?: string; issuer?: string; at?: number } = {},
) {
  return {
    db: database.db,
    clock: overrides.at === undefined ? time.clock : () => overrides.at!,
    clientId: overrides.clientId ?? env.posClientId,
    clientSecret: overrides.clientSecret ?? env.posClientSecret,
    issuer: overrides.issuer ?? env.posOrigin,
  };
}

async function mint(
  request: Partial<SessionTokenRequest> = {},
  options: Parameters<typeof mintOptions>[0] = {},
) {
  const { token } = await mintSandboxSessionToken(mintOptions(options), {
    accountId: "1001",
    employeeId: "1",
    ...request,
  });
  return token;
}

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

async function expectRefused(response: Response, code: string) {
  expect(response.status).toBe(401);
  expect(response.headers.get(RETRY_INVALID_SESSION_HEADER)).toBe("1");
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
  return body.error.message;
}

function claims(overrides: JWTPayload = {}): JWTPayload {
  const iat = Math.floor(time.now() / 1000);
  return {
    iss: POS_ORIGIN,
    aud: "daybook-test",
    sub: "1",
    acct: "1001",
    role: "super_user",
    locale: "en-CA",
    name: "Sam Rivera",
    email: "sam@democoffee.test",
    iat,
    nbf: iat,
    exp: iat + 60,
    jti: "j-1",
    ...overrides,
  };
}

const encodePart = (value: unknown) => toBase64Url(new TextEncoder().encode(JSON.stringify(value)));

async function hmacSign(key: Uint8Array<ArrayBuffer>, header: object, payload: object): Promise<string> {
  const input = `${encodePart(header)}.${encodePart(payload)}`;
  const cryptoKey = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const signature = await crypto.subtle.sign("HMAC", cryptoKey, new TextEncoder().encode(input));
  return `${input}.${toBase64Url(new Uint8Array(signature))}`;
}

const secretBytes = () => new TextEncoder().encode(env.posClientSecret);

describe("session tokens", () => {
  it("accepts an HS256 token signed with the app secret and sets the session", async () => {
    const response = await api().request("/api/me", bearer(await mint({ employeeId: "2" })));
    expect(response.status).toBe(200);
    const session = (await response.json()) as Record<string, string>;
    expect(session).toMatchObject({
      accountId: "acc-demo",
      posUserId: "2",
      role: "manager",
      locale: "fr-CA",
    });
    expect(await findUser(database.db, "acc-demo", session.userId!)).toMatchObject({
      name: "Marie Tremblay",
      email: "marie@democoffee.test",
      role: "manager",
      locale: "fr-CA",
      lastSeenAt: time.now(),
    });
    expect(jwksRequests).toBe(0);
  });

  it("accepts an RS256 token signed with the platform key, fetched from the JWKS through Deps.fetch", async () => {
    const app = api();
    expect((await app.request("/api/me", bearer(await mint({ alg: "RS256" })))).status).toBe(200);
    expect((await app.request("/api/me", bearer(await mint({ alg: "RS256", employeeId: "3" })))).status).toBe(
      200,
    );
    expect(jwksRequests).toBe(1);
  });

  it("accepts the token as an id_token query parameter on a document load", async () => {
    const response = await api().request(`/api/me?id_token=${await mint()}`);
    expect(response.status).toBe(200);
  });

  it("updates the user's role and profile from each token", async () => {
    const app = api();
    const token = await mint();
    await app.request("/api/me", bearer(token));
    time.advance(10_000);
    const promoted = await new SignJWT(claims({ role: "manager", name: "Sam R." }))
      .setProtectedHeader({ alg: "HS256" })
      .sign(secretBytes());
    const body = (await (await app.request("/api/me", bearer(promoted))).json()) as Record<string, string>;
    expect(body.role).toBe("manager");
    expect(await findUser(database.db, "acc-demo", body.userId!)).toMatchObject({
      name: "Sam R.",
      role: "manager",
      lastSeenAt: time.now(),
    });
  });

  it("refuses a request without a token, or with another authorization scheme", async () => {
    await expectRefused(await api().request("/api/me"), "session_token_missing");
    await expectRefused(
      await api().request("/api/me", { headers: { authorization: "Basic YTpi" } }),
      "session_token_missing",
    );
  });

  it("refuses an expired token beyond the 5 s tolerance, and accepts one within it", async () => {
    const token = await mint();
    time.advance(64_000);
    expect((await api().request("/api/me", bearer(token))).status).toBe(200);
    time.advance(2_000);
    await expectRefused(await api().request("/api/me", bearer(token)), "session_token_expired");
  });

  it("refuses a token not valid yet beyond the 5 s tolerance, and accepts one within it", async () => {
    const early = await mint({}, { at: time.now() + 4_000 });
    expect((await api().request("/api/me", bearer(early))).status).toBe(200);
    const tooEarly = await mint({}, { at: time.now() + 6_000 });
    await expectRefused(await api().request("/api/me", bearer(tooEarly)), "session_token_not_yet_valid");
  });

  it("refuses a token for another app or from another issuer", async () => {
    const otherApp = await mint({}, { clientId: "another-app" });
    await expectRefused(await api().request("/api/me", bearer(otherApp)), "session_token_wrong_audience");
    const otherIssuer = await mint({}, { issuer: "http://evil.test" });
    await expectRefused(await api().request("/api/me", bearer(otherIssuer)), "session_token_wrong_issuer");
  });

  it("refuses a token signed with another key", async () => {
    const otherSecret = await mint({}, { clientSecret: "another-secret-also-32-characters-long" });
    await expectRefused(await api().request("/api/me", bearer(otherSecret)), "session_token_invalid");

    const { kid } = (await sandboxJwks(database.db)).keys[0]!;
    const { privateKey } = await generateKeyPair("RS256");
    const otherRsa = await new SignJWT(claims()).setProtectedHeader({ alg: "RS256", kid }).sign(privateKey);
    await expectRefused(await api().request("/api/me", bearer(otherRsa)), "session_token_invalid");
  });

  it("refuses an unsigned token (alg: none)", async () => {
    for (const alg of ["none", "None", "NONE"]) {
      const unsigned = `${encodePart({ alg, typ: "JWT" })}.${encodePart(claims())}.`;
      await expectRefused(await api().request("/api/me", bearer(unsigned)), "session_token_invalid");
    }
  });

  it("refuses a token whose payload was altered after signing", async () => {
    const [header, , signature] = (await mint({ employeeId: "3" })).split(".");
    const altered = `${header}.${encodePart(claims({ sub: "3", role: "super_user" }))}.${signature}`;
    await expectRefused(await api().request("/api/me", bearer(altered)), "session_token_invalid");
  });

  it("refuses algorithm confusion: an RS256 header over an HS256 signature, HS256 keyed with the public key", async () => {
    const rsHeaderHsSignature = await hmacSign(secretBytes(), { alg: "RS256", typ: "JWT" }, claims());
    await expectRefused(await api().request("/api/me", bearer(rsHeaderHsSignature)), "session_token_invalid");

    const { kid } = (await sandboxJwks(database.db)).keys[0]!;
    const withKid = await hmacSign(secretBytes(), { alg: "RS256", typ: "JWT", kid }, claims());
    await expectRefused(await api().request("/api/me", bearer(withKid)), "session_token_invalid");

    const jwk = (await sandboxJwks(database.db)).keys[0]!;
    const publicPem = await exportSPKI(
      await crypto.subtle.importKey("jwk", jwk, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, true, [
        "verify",
      ]),
    );
    for (const publicKeyAsSecret of [publicPem, JSON.stringify(jwk), jwk.n!]) {
      const confused = await hmacSign(
        new TextEncoder().encode(publicKeyAsSecret),
        { alg: "HS256" },
        claims(),
      );
      await expectRefused(await api().request("/api/me", bearer(confused)), "session_token_invalid");
    }
  });

  it("refuses algorithms outside the whitelist even when correctly signed", async () => {
    const hs512 = await new SignJWT(claims())
      .setProtectedHeader({ alg: "HS512" })
      .sign(new TextEncoder().encode(env.posClientSecret.repeat(2)));
    await expectRefused(await api().request("/api/me", bearer(hs512)), "session_token_invalid");
  });

  it("refuses RS256 when no JWKS is configured", async () => {
    const app = api({ posJwksUrl: undefined });
    await expectRefused(
      await app.request("/api/me", bearer(await mint({ alg: "RS256" }))),
      "session_token_invalid",
    );
    expect((await app.request("/api/me", bearer(await mint()))).status).toBe(200);
  });

  it("refuses a token missing a claim of the contract, naming it", async () => {
    const { acct: _acct, ...withoutAccount } = claims();
    const token = await new SignJWT(withoutAccount).setProtectedHeader({ alg: "HS256" }).sign(secretBytes());
    expect(
      await expectRefused(await api().request("/api/me", bearer(token)), "session_token_invalid"),
    ).toContain("acct");
    const { exp: _exp, ...withoutExpiry } = claims();
    const eternal = await new SignJWT(withoutExpiry).setProtectedHeader({ alg: "HS256" }).sign(secretBytes());
    expect(
      await expectRefused(await api().request("/api/me", bearer(eternal)), "session_token_invalid"),
    ).toContain("exp");
    const badRole = await new SignJWT(claims({ role: "owner" }))
      .setProtectedHeader({ alg: "HS256" })
      .sign(secretBytes());
    await expectRefused(await api().request("/api/me", bearer(badRole)), "session_token_invalid");
  });

  it("refuses a valid token of an account that never installed Daybook or uninstalled it", async () => {
    const unknown = await new SignJWT(claims({ acct: "9999" }))
      .setProtectedHeader({ alg: "HS256" })
      .sign(secretBytes());
    expect(
      await expectRefused(await api().request("/api/me", bearer(unknown)), "account_not_installed"),
    ).toContain("9999");
    const uninstalled = await mint({ accountId: "2002", employeeId: "1" });
    await expectRefused(await api().request("/api/me", bearer(uninstalled)), "account_not_installed");
  });

  it("answers 503 without the retry header when the platform's keys cannot be fetched", async () => {
    const app = api({}, async () => {
      throw new TypeError("fetch failed");
    });
    const response = await app.request("/api/me", bearer(await mint({ alg: "RS256" })));
    expect(response.status).toBe(503);
    expect(response.headers.get(RETRY_INVALID_SESSION_HEADER)).toBeNull();
    expect(await response.json()).toMatchObject({ error: { code: "session_keys_unavailable" } });
  });
});

describe("requireRole", () => {
  it("lets super users through and answers 403 to managers and cashiers", async () => {
    const app = api();
    expect((await app.request("/api/scheduler", bearer(await mint({ employeeId: "1" })))).status).toBe(200);
    for (const employeeId of ["2", "3"]) {
      const response = await app.request("/api/scheduler", bearer(await mint({ employeeId })));
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        error: { code: "forbidden", message: "this requires the super_user role" },
      });
    }
  });
});
