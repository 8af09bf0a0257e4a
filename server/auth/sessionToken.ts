// Session tokens (DESIGN §7): the POS opens the extension with a short-lived JWT, HS256 with the app
// secret or RS256 from the platform's JWKS, carried as `Authorization: Bearer` (or `?id_token=` on a
// document load). The key follows the header's `alg` within a whitelist, so `alg: none` and an HS256
// token "signed" with the public key are refused. The token names the account, the user and the role.
import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { createRemoteJWKSet, customFetch, errors, jwtVerify, type JWTVerifyGetKey } from "jose";
import { z } from "zod";
import { ROLES, type Role } from "../db/schema";
import type { Deps } from "../deps";
import { findAccountByPosAccountId, type Account } from "../repos/accounts";
import { upsertUser, type User } from "../repos/users";

export const RETRY_INVALID_SESSION_HEADER = "X-Pos-Retry-Invalid-Session-Request";
export const CLOCK_TOLERANCE_SECONDS = 5;

const SessionClaims = z.object({
  sub: z.string().min(1),
  acct: z.string().min(1),
  role: z.enum(ROLES),
  locale: z.string().min(2),
  name: z.string(),
  email: z.string().optional(),
});
export type SessionClaims = z.infer<typeof SessionClaims>;

export interface Session {
  account: Account;
  user: User;
  role: Role;
  locale: string;
}
export type SessionEnv = { Variables: { session: Session } };

type SessionDeps = Pick<Deps, "env" | "db" | "clock" | "fetch">;

/** A session token that is not acceptable; `code` and `message` go to the client as they are. */
export class SessionTokenError extends Error {
  override name = "SessionTokenError";
  constructor(
    readonly code: string,
    message: string,
    readonly status: 401 | 503 = 401,
  ) {
    super(message);
  }
}

/** Verifies a session token and returns its claims, or throws SessionTokenError. */
export function sessionTokenVerifier(deps: Pick<Deps, "env" | "clock" | "fetch">) {
  const { env } = deps;
  const secret = new TextEncoder().encode(env.posClientSecret);
  // jose lets the JWKS fetch be injected (customFetch): the platform's keys come through Deps.fetch.
  const jwks = env.posJwksUrl
    ? createRemoteJWKSet(new URL(env.posJwksUrl), { [customFetch]: (url, init) => deps.fetch(url, init) })
    : undefined;
  const algorithms = jwks ? ["HS256", "RS256"] : ["HS256"];

  const keyFor: JWTVerifyGetKey = async (header, token) => {
    if (header.alg === "HS256") return secret;
    if (header.alg === "RS256" && jwks) {
      try {
        return await jwks(header, token);
      } catch (error) {
        if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
          throw error;
        }
        throw new SessionTokenError(
          "session_keys_unavailable",
          `the POS signing keys cannot be fetched: ${String(error)}`,
          503,
        );
      }
    }
    throw new errors.JOSEAlgNotAllowed(`"alg" (Algorithm) Header Parameter value not allowed`);
  };

  return async (token: string): Promise<SessionClaims> => {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, keyFor, {
        algorithms,
        audience: env.posClientId,
        issuer: env.posOrigin,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ["exp"],
        currentDate: new Date(deps.clock()),
      }));
    } catch (error) {
      throw asSessionTokenError(error);
    }
    const claims = SessionClaims.safeParse(payload);
    if (!claims.success) {
      const issue = claims.error.issues[0];
      throw new SessionTokenError(
        "session_token_invalid",
        `the session token's ${issue?.path.join(".")} claim is missing or invalid`,
      );
    }
    return claims.data;
  };
}

/** jose's verdict as the error the client is told; anything that is not a JOSE error is rethrown. */
function asSessionTokenError(error: unknown): SessionTokenError {
  if (error instanceof SessionTokenError) return error;
  if (error instanceof errors.JWTExpired) {
    return new SessionTokenError("session_token_expired", "the session token has expired");
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case "nbf":
        return new SessionTokenError("session_token_not_yet_valid", "the session token is not valid yet");
      case "aud":
        return new SessionTokenError("session_token_wrong_audience", "the session token is for another app");
      case "iss":
        return new SessionTokenError(
          "session_token_wrong_issuer",
          "the session token was not issued by the POS",
        );
      default:
        return new SessionTokenError(
          "session_token_invalid",
          `the session token's ${error.claim} claim is missing or invalid`,
        );
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new SessionTokenError("session_token_invalid", "the session token's algorithm is not accepted");
  }
  if (error instanceof errors.JOSEError) {
    return new SessionTokenError(
      "session_token_invalid",
      "the session token's signature or format is invalid",
    );
  }
  throw error;
}

function tokenOf(c: Context): string | undefined {
  const authorization = c.req.header("authorization");
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match?.[1] ?? "";
  }
  return c.req.query("id_token");
}

function refuse(c: Context, error: SessionTokenError): Response {
  if (error.status === 401) c.header(RETRY_INVALID_SESSION_HEADER, "1");
  return c.json({ error: { code: error.code, message: error.message } }, error.status);
}

/** Authenticates the request by its session token and sets `session` (account, user, role, locale). */
export function sessionToken(deps: SessionDeps): MiddlewareHandler<SessionEnv> {
  const verify = sessionTokenVerifier(deps);
  return createMiddleware<SessionEnv>(async (c, next) => {
    const token = tokenOf(c);
    if (!token) {
      return refuse(c, new SessionTokenError("session_token_missing", "a session token is required"));
    }
    let claims: SessionClaims;
    try {
      claims = await verify(token);
    } catch (error) {
      if (error instanceof SessionTokenError) return refuse(c, error);
      throw error;
    }
    const account = await findAccountByPosAccountId(deps.db, claims.acct);
    if (account?.status !== "installed") {
      return refuse(
        c,
        new SessionTokenError(
          "account_not_installed",
          `Daybook is not installed for POS account ${claims.acct}`,
        ),
      );
    }
    const user = await upsertUser(
      deps.db,
      account.id,
      {
        posUserId: claims.sub,
        role: claims.role,
        name: claims.name,
        email: claims.email ?? null,
        locale: claims.locale,
      },
      deps.clock(),
    );
    c.set("session", { account, user, role: claims.role, locale: claims.locale });
    await next();
  });
}

/** 403 unless the session's role is one of `roles` (after `sessionToken`). */
export function requireRole(...roles: Role[]): MiddlewareHandler<SessionEnv> {
  return createMiddleware<SessionEnv>(async (c, next) => {
    if (!roles.includes(c.var.session.role)) {
      return c.json(
        { error: { code: "forbidden", message: `this requires the ${roles.join(" or ")} role` } },
        403,
      );
    }
    await next();
  });
}
