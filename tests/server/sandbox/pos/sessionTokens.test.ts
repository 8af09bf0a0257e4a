import { createClient } from "@libsql/client";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { databaseOf } from "../../../../server/db/client";
import {
  createSandboxSessionTokens,
  mintSandboxSessionToken,
  sandboxJwks,
} from "../../../../server/sandbox/pos/sessionTokens";
import { createTestDatabase, type TestDatabase } from "../../../support/database";
import { manualClock, type ManualClock } from "../../../support/installPlatform";

const CLIENT_SECRET = "test-client-secret-at-least-32-characters";

let database: TestDatabase;
let time: ManualClock;

const options = () => ({
  db: database.db,
  clock: time.clock,
  clientId: "daybook-test",
  clientSecret: CLIENT_SECRET,
  issuer: "http://pos.test",
});

beforeEach(async () => {
  database = await createTestDatabase();
  time = manualClock(Date.UTC(2026, 2, 2, 15, 0, 0, 250));
});
afterEach(() => database.close());

function mintOver(body: unknown) {
  return createSandboxSessionTokens(options()).request("/session-token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("the sandbox JWKS", () => {
  it("publishes one RSA public key with a kid, and no private part", async () => {
    const response = await createSandboxSessionTokens(options()).request("/.well-known/jwks.json");
    expect(response.status).toBe(200);
    const { keys } = (await response.json()) as { keys: Record<string, string>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig", e: "AQAB" });
    expect(keys[0]!.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const secret of ["d", "p", "q", "dp", "dq", "qi"]) expect(keys[0]).not.toHaveProperty(secret);
  });

  it("keeps the same key across a restart", async () => {
    const before = await sandboxJwks(database.db);
    const client = createClient({ url: database.url });
    try {
      expect(await sandboxJwks(databaseOf(client))).toEqual(before);
    } finally {
      client.close();
    }
  });
});

describe("POST /session-token", () => {
  it("mints an HS256 token with the claims contract, valid for 60 s", async () => {
    const response = await mintOver({ accountId: "1001", employeeId: "2" });
    expect(response.status).toBe(200);
    const { token, expiresAt } = (await response.json()) as { token: string; expiresAt: number };
    expect(decodeProtectedHeader(token)).toEqual({ alg: "HS256", typ: "JWT" });
    const { payload } = await jwtVerify(token, new TextEncoder().encode(CLIENT_SECRET), {
      currentDate: new Date(time.now()),
    });
    const iat = Math.floor(time.now() / 1000);
    expect(payload).toEqual({
      iss: "http://pos.test",
      aud: "daybook-test",
      sub: "2",
      acct: "1001",
      role: "manager",
      locale: "fr-CA",
      name: "Marie Tremblay",
      email: "marie@democoffee.test",
      iat,
      nbf: iat,
      exp: iat + 60,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(expiresAt).toBe((iat + 60) * 1000);
  });

  it("mints an RS256 token that the published JWKS verifies", async () => {
    const { token } = await mintSandboxSessionToken(options(), {
      accountId: "2002",
      employeeId: "1",
      alg: "RS256",
    });
    const jwks = createLocalJWKSet(await sandboxJwks(database.db));
    const { payload, protectedHeader } = await jwtVerify(token, jwks, { currentDate: new Date(time.now()) });
    expect(protectedHeader.kid).toBe((await sandboxJwks(database.db)).keys[0]!.kid);
    expect(payload).toMatchObject({ acct: "2002", sub: "1", role: "super_user", name: "Olivia Park" });
  });

  it("accepts numeric ids, as the POS's own ids are", async () => {
    expect((await mintOver({ accountId: 1001, employeeId: 3 })).status).toBe(200);
  });

  it("answers 404 for an employee who is not in the roster, 400 for a malformed request", async () => {
    const unknown = await mintOver({ accountId: "1001", employeeId: "99" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: { code: "unknown_employee", message: "no employee 99 in sandbox account 1001" },
    });
    const none = await mintOver({ accountId: "1001", employeeId: "1", alg: "none" });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { error: { message: string } }).error.message).toMatch(/^alg:/);
    expect((await mintOver({ employeeId: "1" })).status).toBe(400);
    const notJson = await createSandboxSessionTokens(options()).request("/session-token", {
      method: "POST",
      body: "{",
    });
    expect(await notJson.json()).toEqual({
      error: { code: "invalid_request", message: "the body must be JSON" },
    });
  });

  it("the minting function refuses an unknown employee", async () => {
    await expect(mintSandboxSessionToken(options(), { accountId: "2002", employeeId: "9" })).rejects.toThrow(
      "no employee 9 in sandbox account 2002",
    );
  });
});
