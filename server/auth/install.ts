// The install (DESIGN §7): GET /install sends the merchant to the POS's consent page with a state and
// a PKCE challenge kept in a signed cookie; GET /oauth/callback checks the state, exchanges the code,
// and stores the account, its sealed tokens and its stores in one batch, then subscribes the
// manifest's webhook topics and sends the merchant back into the POS. Reinstalling updates the same
// rows; nothing is stored when the state, the consent or the code is refused.
import { Hono, type Context } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import type { Deps } from "../deps";
import { timingSafeEqualText } from "../crypto/hmac";
import { newId, pkceChallenge, pkceVerifier, randomHex } from "../crypto/random";
import { manifest } from "../manifest";
import {
  PosAuthError,
  PosDataError,
  PosUnavailableError,
  type PosClient,
  type PosCredentials,
  type PosShop,
} from "../pos/port";
import { findAccountByPosAccountId, upsertInstalledAccount } from "../repos/accounts";
import { runAtomically } from "../repos/batch";
import { upsertConnection } from "../repos/connections";
import { startExecution } from "../repos/executions";
import { listStores, upsertStore } from "../repos/stores";
import { localDate } from "../../shared/time";
import { type Locale, type MessageKey, translate } from "../../shared/i18n";
import { messagePage } from "../pages/messagePage";
import { localeOfAcceptLanguage } from "./acceptLanguage";
import { requestPosTokens, sealPosTokens, type TokenResponse } from "./posTokens";

export const OAUTH_COOKIE = "daybook_oauth";
const OAUTH_COOKIE_MAX_AGE_SECONDS = 600;

export interface InstallOptions {
  /** Builds the POS adapter (createLightspeedClient in production, a fake in tests). */
  posClient: (credentials: PosCredentials, posAccountId?: string) => PosClient;
}

type InstallDeps = Pick<Deps, "env" | "db" | "clock" | "fetch">;

export function installRoutes(deps: InstallDeps, options: InstallOptions): Hono {
  const { env } = deps;
  const callbackPath = manifest.oauth.redirect;
  const redirectUri = `${env.appUrl}${callbackPath}`;
  const cookieOptions = {
    path: callbackPath,
    httpOnly: true,
    secure: env.appUrl.startsWith("https:"),
    sameSite: "Lax",
  } as const;

  const app = new Hono();

  app.get(manifest.oauth.install, async (c) => {
    const state = randomHex(32);
    const verifier = pkceVerifier();
    await setSignedCookie(c, OAUTH_COOKIE, `${state}.${verifier}`, env.cookieSecret, {
      ...cookieOptions,
      maxAge: OAUTH_COOKIE_MAX_AGE_SECONDS,
    });
    const authorize = new URL(`${env.posAuthUrl}/authorize`);
    authorize.search = new URLSearchParams({
      response_type: "code",
      client_id: env.posClientId,
      scope: manifest.scopes.join(" "),
      redirect_uri: redirectUri,
      state,
      code_challenge: await pkceChallenge(verifier),
      code_challenge_method: "S256",
    }).toString();
    const account = c.req.query("account");
    if (account) authorize.searchParams.set("login_hint", account);
    c.header("Cache-Control", "no-store");
    return c.redirect(authorize.toString(), 302);
  });

  app.get(callbackPath, async (c) => {
    const locale = localeOfAcceptLanguage(c.req.header("accept-language"));
    const fail = (status: 400 | 403 | 502, page: ErrorPage, reason = "") =>
      errorPage(c, status, locale, page, reason);
    c.header("Cache-Control", "no-store");

    const stored = await getSignedCookie(c, env.cookieSecret, OAUTH_COOKIE);
    deleteCookie(c, OAUTH_COOKIE, cookieOptions);
    if (c.req.query("error") !== undefined) return fail(403, "denied");

    const [cookieState, verifier] = typeof stored === "string" ? stored.split(".") : [];
    const state = c.req.query("state");
    if (!cookieState || !verifier || !state || !(await timingSafeEqualText(state, cookieState))) {
      return fail(400, "expired");
    }
    const code = c.req.query("code");
    if (!code) return fail(400, "missing_code");

    try {
      const exchange = await requestPosTokens(deps, {
        grant_type: "authorization_code",
        code,
        code_verifier: verifier,
        redirect_uri: redirectUri,
      });
      if (!exchange.ok) return fail(400, "code_refused");
      const posAccountId = await completeInstall(deps, options, exchange.tokens);
      const landing = new URL(env.posAdminUrl);
      landing.searchParams.set("installed", manifest.handle);
      landing.searchParams.set("account", posAccountId);
      return c.redirect(landing.toString(), 302);
    } catch (error) {
      if (error instanceof PosUnavailableError) return fail(502, "unavailable");
      if (error instanceof PosDataError || error instanceof PosAuthError)
        return fail(502, "failed", error.message);
      throw error;
    }
  });

  return app;
}

/** Stores what the new tokens give access to and subscribes the webhooks; returns the POS account id. */
async function completeInstall(
  deps: InstallDeps,
  options: InstallOptions,
  tokens: TokenResponse,
): Promise<string> {
  const { db, clock, env } = deps;
  // The token was issued a moment ago: if the POS refuses it, the install fails rather than refreshing.
  const credentials: PosCredentials = {
    accessToken: async () => tokens.access_token,
    refresh: async () => {
      throw new PosAuthError("the POS refused the access token it has just issued");
    },
    // Nothing is stored yet, so there is no connection to mark.
    revoke: async () => undefined,
  };
  const info = await options.posClient(credentials).account();
  const pos = options.posClient(credentials, info.posAccountId);
  const shops = await pos.shops();

  const existing = await findAccountByPosAccountId(db, info.posAccountId);
  const accountId = existing?.id ?? newId();
  const knownShops = new Set(
    (existing ? await listStores(db, existing.id) : []).map((store) => store.posShopId),
  );
  const now = clock();
  await runAtomically(db, [
    upsertInstalledAccount(
      db,
      {
        id: accountId,
        posAccountId: info.posAccountId,
        name: info.name,
        syncStartDate: localDate(now, shops[0]?.timezone ?? "UTC"),
      },
      now,
    ),
    upsertConnection(
      db,
      accountId,
      "pos",
      { ...(await sealPosTokens(deps, tokens)), scopes: tokens.scope ?? manifest.scopes.join(" ") },
      now,
    ),
    ...shops.map((shop) => upsertStore(db, accountId, shop, now)),
  ]);

  const execution = await startExecution(db, clock, { accountId, action: "install", trigger: "install" });
  try {
    await execution.log(existing ? "Daybook reinstalled" : "Daybook installed", {
      posAccountId: info.posAccountId,
      name: info.name,
      scopes: tokens.scope ?? manifest.scopes.join(" "),
    });
    await logStores(execution.log, shops, knownShops);
    const endpoint = `${env.appUrl}${manifest.webhooks.endpoint}`;
    for (const topic of manifest.webhooks.topics) {
      await pos.subscribeWebhook(topic, endpoint);
      await execution.log(`Webhook subscribed: ${topic}`, { topic, endpoint });
    }
    await execution.succeed();
  } catch (error) {
    await execution.fail(error);
    throw error;
  }
  return info.posAccountId;
}

async function logStores(
  log: (message: string, data?: unknown) => Promise<void>,
  shops: readonly PosShop[],
  knownShops: ReadonlySet<string>,
): Promise<void> {
  for (const shop of shops) {
    const known = knownShops.has(shop.posShopId);
    await log(`${known ? "Store updated" : "Store added"}: ${shop.name}`, {
      posShopId: shop.posShopId,
      timezone: shop.timezone,
      currency: shop.currency,
    });
  }
}

type ErrorPage = "expired" | "denied" | "missing_code" | "code_refused" | "unavailable" | "failed";

function errorPage(c: Context, status: 400 | 403 | 502, locale: Locale, page: ErrorPage, reason: string) {
  const text = (key: MessageKey) => translate(locale, key, { reason });
  return messagePage(
    c,
    {
      locale,
      title: text(`install.${page}.title`),
      body: text(`install.${page}.body`),
      link: { href: manifest.oauth.install, text: text("install.start_again") },
    },
    status,
  );
}
