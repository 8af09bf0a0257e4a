// What the sandbox OAuth servers (POS, QuickBooks, Xero) keep alike: a table of one-time authorization
// codes, access tokens and refresh tokens in the sandbox state, each entry bound to the app it was issued
// to; codes that work once before they expire, refresh tokens that work once (rotation), pruning what
// can never be used again, HTTP Basic client credentials, and the page for a refused authorization
// request. How each server authenticates its client, what a grant names (merchant, realm, tenant) and
// the shapes of its answers stay with the server.
import type { Context } from "hono";
import { html } from "hono/html";
import type { z } from "zod";
import { fromBase64 } from "../crypto/base64";
import { timingSafeEqualText } from "../crypto/hmac";
import { htmlDocument, NARROW_PAGE_STYLE } from "../pages/document";

type Table<T> = Record<string, T>;

/** What every authorization code records, besides what its server binds it to. */
export interface CodeEntry {
  clientId: string;
  expiresAt: number;
  used: boolean;
}

/** The grants an OAuth server keeps: refresh tokens may or may not expire. */
export interface GrantTables {
  codes: Table<{ expiresAt: number }>;
  accessTokens: Table<{ expiresAt: number }>;
  refreshTokens: Table<object>;
}

/** The entry of `table` under `key`, never one inherited from Object.prototype. */
export const own = <T>(table: Table<T>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

/** The grant of an access token that has not expired, or undefined (unknown, expired or revoked). */
export function liveGrant<T extends { expiresAt: number }>(
  accessTokens: Table<T>,
  accessToken: string,
  now: number,
): T | undefined {
  const grant = own(accessTokens, accessToken);
  return grant && grant.expiresAt > now ? grant : undefined;
}

/**
 * Redeems an authorization code issued to `clientId`: it is spent by this attempt even when it turns
 * out to have expired, so a code never works twice.
 */
export function redeemCode<C extends CodeEntry>(
  codes: Table<C>,
  code: string,
  clientId: string,
  now: number,
): { grant: C } | { problem: "the code is unknown" | "the code was already used" | "the code has expired" } {
  const grant = own(codes, code);
  if (!grant || grant.clientId !== clientId) return { problem: "the code is unknown" };
  if (grant.used) return { problem: "the code was already used" };
  grant.used = true;
  if (grant.expiresAt <= now) return { problem: "the code has expired" };
  return { grant };
}

/** Takes a refresh token issued to `clientId` out of the table (it works once), returning its grant. */
export function takeRefreshToken<R extends { clientId: string }>(
  refreshTokens: Table<R>,
  refreshToken: string,
  clientId: string,
): R | undefined {
  const grant = own(refreshTokens, refreshToken);
  if (!grant || grant.clientId !== clientId) return undefined;
  delete refreshTokens[refreshToken];
  return grant;
}

/** Keeps the persisted state small: expired codes and tokens can never be used again. */
export function pruneExpired(state: GrantTables, now: number): void {
  for (const table of [state.codes, state.accessTokens, state.refreshTokens]) {
    for (const [key, entry] of Object.entries(table))
      if ("expiresAt" in entry && typeof entry.expiresAt === "number" && entry.expiresAt <= now)
        delete table[key];
  }
}

/** Deletes every entry of `tables` that `matches` (revoking a grant everywhere it is recorded). */
export function deleteWhere<T>(tables: Table<T>[], matches: (entry: T) => boolean): void {
  for (const table of tables) {
    for (const [key, entry] of Object.entries(table)) if (matches(entry)) delete table[key];
  }
}

/** The client id and secret of an `Authorization: Basic …` header, or undefined when there are none. */
export function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const encoded = /^Basic\s+(\S+)$/i.exec(header ?? "")?.[1];
  if (!encoded) return undefined;
  try {
    const decoded = new TextDecoder().decode(fromBase64(encoded));
    const colon = decoded.indexOf(":");
    return colon < 0 ? undefined : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  } catch {
    return undefined;
  }
}

/** Whether an `Authorization` header carries this app's client id and secret as HTTP Basic credentials. */
export async function basicClientMatches(
  header: string | undefined,
  clientId: string,
  clientSecret: string,
): Promise<boolean> {
  const client = basicCredentials(header);
  return (
    client !== undefined && client.id === clientId && (await timingSafeEqualText(client.secret, clientSecret))
  );
}

/**
 * Where the consent form sends the person back: the app's redirect URI with the request's state and,
 * when they did not approve, `error=access_denied`.
 */
export function consentRedirect(request: { redirect_uri: string; state: string }, approved: boolean): URL {
  const back = new URL(request.redirect_uri);
  if (request.state) back.searchParams.set("state", request.state);
  if (!approved) back.searchParams.set("error", "access_denied");
  return back;
}

/** The first problem of a request that failed validation, as `field message`. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join(".")} ${issue?.message}`;
}

/** The page for an authorization request the server refuses (unknown app, bad parameters). */
export function authorizationProblemPage(c: Context, product: string, problem: string) {
  return c.html(
    htmlDocument({
      lang: "en",
      title: `Authorization request refused · ${product}`,
      viewport: false,
      bodyStyle: NARROW_PAGE_STYLE,
      body: html`<h1>This authorization request is invalid</h1>
        <p>${problem}.</p>`,
    }),
    400,
  );
}
