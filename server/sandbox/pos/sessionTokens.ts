// The sandbox platform's session tokens (DESIGN §7): what the POS hands the embedded extension.
// GET /.well-known/jwks.json publishes the platform's RS256 public key (generated once, kept with
// writeState); POST /session-token mints a 60-second token for a roster employee, HS256 with the app's
// client secret or RS256 with the platform key, with exactly the claims the app verifies.
import { Hono } from "hono";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from "jose";
import { z } from "zod";
import type { Clock } from "../../clock";
import type { Db } from "../../db/client";
import { readState, writeState } from "../state";
import { merchantById, type SandboxEmployee } from "./roster";

export const SESSION_TOKEN_TTL_SECONDS = 60;
const STATE_KEY = "pos.sessionKeys";

export interface SandboxSessionTokenOptions {
  db: Db;
  clock: Clock;
  /** The token's audience. */
  clientId: string;
  /** The HS256 key, as UTF-8. */
  clientSecret: string;
  /** The token's issuer: the POS origin. */
  issuer: string;
}

export interface SessionTokenRequest {
  accountId: string;
  employeeId: string;
  alg?: "HS256" | "RS256";
}

interface SigningKeys {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

const signingKeys = new WeakMap<Db, Promise<SigningKeys>>();

/** The platform key pair, generated on first use and persisted; one promise per database, so
 *  concurrent first requests do not generate two. */
function platformKeys(db: Db): Promise<SigningKeys> {
  let keys = signingKeys.get(db);
  if (!keys) {
    keys = loadOrCreateKeys(db);
    signingKeys.set(db, keys);
    keys.catch(() => signingKeys.delete(db));
  }
  return keys;
}

async function loadOrCreateKeys(db: Db): Promise<SigningKeys> {
  const stored = await readState<SigningKeys | null>(db, STATE_KEY, null);
  if (stored) return stored;
  const pair = await generateKeyPair("RS256", { extractable: true });
  const publicJwk = await exportJWK(pair.publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const keys: SigningKeys = {
    kid,
    privateJwk: { ...(await exportJWK(pair.privateKey)), kid, alg: "RS256" },
    publicJwk: { ...publicJwk, kid, alg: "RS256", use: "sig" },
  };
  await writeState(db, STATE_KEY, keys);
  return keys;
}

export async function sandboxJwks(db: Db): Promise<{ keys: JWK[] }> {
  return { keys: [(await platformKeys(db)).publicJwk] };
}

export function rosterEmployee(accountId: string, employeeId: string): SandboxEmployee | undefined {
  return merchantById(accountId)?.employees.find((employee) => employee.employeeID === employeeId);
}

/** A signed session token for a roster employee; throws when the account or employee is unknown. */
export async function mintSandboxSessionToken(
  options: SandboxSessionTokenOptions,
  request: SessionTokenRequest,
): Promise<{ token: string; expiresAt: number }> {
  const employee = rosterEmployee(request.accountId, request.employeeId);
  if (!employee) {
    throw new Error(`no employee ${request.employeeId} in sandbox account ${request.accountId}`);
  }
  const issuedAt = Math.floor(options.clock() / 1000);
  const expiresAt = issuedAt + SESSION_TOKEN_TTL_SECONDS;
  const jwt = new SignJWT({
    acct: request.accountId,
    role: employee.role,
    locale: employee.locale,
    name: employee.name,
    email: employee.email,
  })
    .setIssuer(options.issuer)
    .setAudience(options.clientId)
    .setSubject(employee.employeeID)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(expiresAt)
    .setJti(crypto.randomUUID());
  let token: string;
  if (request.alg === "RS256") {
    const keys = await platformKeys(options.db);
    token = await jwt
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: keys.kid })
      .sign(await importJWK(keys.privateJwk, "RS256"));
  } else {
    token = await jwt
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .sign(new TextEncoder().encode(options.clientSecret));
  }
  return { token, expiresAt: expiresAt * 1000 };
}

const Id = z.union([z.string().min(1), z.number().int()]).transform(String);
const MintRequest = z.object({
  accountId: Id,
  employeeId: Id,
  alg: z.enum(["HS256", "RS256"]).optional(),
});

export function createSandboxSessionTokens(options: SandboxSessionTokenOptions): Hono {
  const app = new Hono();

  app.get("/.well-known/jwks.json", async (c) => {
    c.header("Cache-Control", "public, max-age=300");
    return c.json(await sandboxJwks(options.db));
  });

  app.post("/session-token", async (c) => {
    const body: unknown = await c.req.json().catch(() => undefined);
    const parsed = MintRequest.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const message =
        body === undefined ? "the body must be JSON" : `${issue?.path.join(".")}: ${issue?.message}`;
      return c.json({ error: { code: "invalid_request", message } }, 400);
    }
    const request = parsed.data;
    if (!rosterEmployee(request.accountId, request.employeeId)) {
      return c.json(
        {
          error: {
            code: "unknown_employee",
            message: `no employee ${request.employeeId} in sandbox account ${request.accountId}`,
          },
        },
        404,
      );
    }
    return c.json(await mintSandboxSessionToken(options, request));
  });

  return app;
}
