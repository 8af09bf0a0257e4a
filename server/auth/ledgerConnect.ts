// Connecting the merchant's ledger (DESIGN §7): the extension opens GET /connect/:ledger in a
// top-level window with its session token; the state is bound to the account and user by a signed,
// short-lived cookie; the callback exchanges the code, keeps the tokens sealed, and records which
// company (QuickBooks realm) or organisation (Xero tenant) to post to. An account posts to one
// ledger: connecting one disconnects the other.
import { Hono } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import { z } from "zod";
import { type Locale, toLocale, translate } from "../../shared/i18n";
import { fromBase64Url } from "../crypto/base64";
import { randomHex } from "../crypto/random";
import type { Deps } from "../deps";
import { LEDGER_KINDS, type LedgerKind } from "../ledger/port";
import { messagePage } from "../pages/messagePage";
import { runAtomically } from "../repos/batch";
import { findConnection, purgeConnectionTokens, upsertConnection } from "../repos/connections";
import { finishedExecution } from "../repos/executions";
import { localeOfAcceptLanguage } from "./acceptLanguage";
import { sealTokens, type TokenResponse } from "./connectionTokens";
import { LEDGER_NAMES, ledgerSettings, requestLedgerTokens } from "./ledgerTokens";
import { requireRole, type SessionEnv, sessionToken } from "./sessionToken";

export const LEDGER_COOKIE = "daybook_ledger_oauth";
const CALLBACK_PATH = "/oauth/ledger/callback";
const COOKIE_MAX_AGE_SECONDS = 600;

const SCOPES: Record<LedgerKind, string> = {
  qbo: "com.intuit.quickbooks.accounting",
  xero: "openid profile email accounting.transactions accounting.settings accounting.contacts offline_access",
};

const Pending = z.object({
  state: z.string(),
  accountId: z.string(),
  userId: z.string(),
  ledger: z.enum(LEDGER_KINDS),
  locale: z.string(),
});
type Pending = z.infer<typeof Pending>;

const QboCompanyInfo = z.object({ CompanyInfo: z.object({ CompanyName: z.string().min(1) }) });

const XeroTenants = z.array(
  z.object({ tenantId: z.string().min(1), tenantName: z.string(), authEventId: z.string().optional() }),
);

type ConnectDeps = Pick<Deps, "env" | "db" | "clock" | "fetch">;

export function ledgerConnectRoutes(deps: ConnectDeps): Hono {
  const { env, db, clock } = deps;
  const redirectUri = `${env.appUrl}${CALLBACK_PATH}`;
  const cookieOptions = {
    path: "/oauth/ledger",
    httpOnly: true,
    secure: env.appUrl.startsWith("https:"),
    sameSite: "Lax",
  } as const;
  const app = new Hono();

  const connect = new Hono<SessionEnv>();
  connect.use("*", sessionToken(deps), requireRole("super_user", "manager"));
  connect.get("/:ledger", async (c) => {
    const locale = toLocale(c.var.session.locale);
    const ledger = z.enum(LEDGER_KINDS).safeParse(c.req.param("ledger"));
    if (!ledger.success || !env.ledgers[ledger.data])
      return messagePage(c, message(locale, "ledger.unknown", { ledger: c.req.param("ledger") }), 404);
    const settings = ledgerSettings(deps, ledger.data);
    const pending: Pending = {
      state: randomHex(32),
      accountId: c.var.session.account.id,
      userId: c.var.session.user.id,
      ledger: ledger.data,
      locale,
    };
    await setSignedCookie(c, LEDGER_COOKIE, JSON.stringify(pending), env.cookieSecret, {
      ...cookieOptions,
      maxAge: COOKIE_MAX_AGE_SECONDS,
    });
    const authorize = new URL(settings.authUrl);
    authorize.search = new URLSearchParams({
      client_id: settings.clientId,
      response_type: "code",
      scope: SCOPES[ledger.data],
      redirect_uri: redirectUri,
      state: pending.state,
    }).toString();
    return c.redirect(authorize.toString(), 302);
  });
  app.route("/connect", connect);

  app.get(CALLBACK_PATH, async (c) => {
    const pending = await pendingConnection((name) => getSignedCookie(c, env.cookieSecret, name));
    deleteCookie(c, LEDGER_COOKIE, cookieOptions);
    const fallback = localeOfAcceptLanguage(c.req.header("accept-language"));
    if (!pending || pending.state !== c.req.query("state"))
      return messagePage(c, message(fallback, "ledger.expired"), 400);
    const locale = toLocale(pending.locale);
    const name = LEDGER_NAMES[pending.ledger];
    if (c.req.query("error")) return messagePage(c, message(locale, "ledger.denied", { ledger: name }), 403);
    const code = c.req.query("code");
    if (!code) return messagePage(c, message(locale, "ledger.refused", { ledger: name }), 400);

    const exchange = await requestLedgerTokens(deps, pending.ledger, {
      grant_type: "authorization_code",
      code,
      redirect_uri: redirectUri,
    });
    if (!exchange.ok) return messagePage(c, message(locale, "ledger.refused", { ledger: name }), 400);
    const company = await companyOf(pending.ledger, exchange.tokens, c.req.query("realmId"));
    if (!company) return messagePage(c, message(locale, "ledger.no_company", { ledger: name }), 400);

    const now = clock();
    const other = LEDGER_KINDS.find((kind) => kind !== pending.ledger) as LedgerKind;
    const previous = await findConnection(db, pending.accountId, other);
    await runAtomically(db, [
      upsertConnection(
        db,
        pending.accountId,
        pending.ledger,
        {
          ...(await sealTokens(deps, exchange.tokens)),
          scopes: exchange.tokens.scope ?? SCOPES[pending.ledger],
          externalId: company.id,
        },
        now,
      ),
      ...(previous?.status === "connected" ? [purgeConnectionTokens(db, pending.accountId, now, other)] : []),
      ...finishedExecution(
        db,
        clock,
        { accountId: pending.accountId, action: "connect", trigger: "user", actor: pending.userId },
        [
          {
            level: "info",
            message: `Connected to ${name}: ${company.name}`,
            data: { ledger: pending.ledger, company: company.id },
          },
          ...(previous?.status === "connected"
            ? [
                {
                  level: "info" as const,
                  message: `Disconnected ${LEDGER_NAMES[other]}: an account posts to one ledger`,
                },
              ]
            : []),
        ],
      ),
    ]);
    return messagePage(c, message(locale, "ledger.connected", { ledger: name, company: company.name }));
  });

  /** The QuickBooks realm comes with the callback; Xero lists the organisations the token may use. */
  async function companyOf(
    ledger: LedgerKind,
    tokens: TokenResponse,
    realmId: string | undefined,
  ): Promise<{ id: string; name: string } | undefined> {
    if (ledger === "qbo") {
      if (!realmId) return undefined;
      const url = `${ledgerSettings(deps, "qbo").apiUrl}/company/${encodeURIComponent(realmId)}/companyinfo/${encodeURIComponent(realmId)}`;
      const response = await deps.fetch(url, {
        headers: { authorization: `Bearer ${tokens.access_token}`, accept: "application/json" },
      });
      const info = QboCompanyInfo.safeParse(await response.json().catch(() => undefined));
      return { id: realmId, name: info.success ? info.data.CompanyInfo.CompanyName : realmId };
    }
    const response = await deps.fetch(`${ledgerSettings(deps, "xero").apiUrl}/connections`, {
      headers: { authorization: `Bearer ${tokens.access_token}`, accept: "application/json" },
    });
    const tenants = XeroTenants.safeParse(await response.json().catch(() => undefined));
    // /connections lists every organisation this app was ever granted; the one picked on this consent
    // carries the token's authentication event, else it is the newest.
    const granted = tenants.success ? tenants.data : [];
    const event = authenticationEventOf(tokens.access_token);
    const tenant = granted.find((candidate) => event && candidate.authEventId === event) ?? granted.at(-1);
    return tenant && { id: tenant.tenantId, name: tenant.tenantName };
  }

  return app;
}

async function pendingConnection(
  read: (name: string) => Promise<string | false | undefined>,
): Promise<Pending | undefined> {
  const value = await read(LEDGER_COOKIE);
  if (!value) return undefined;
  try {
    const parsed = Pending.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Xero's access tokens are JWTs naming their `authentication_event_id`; others are opaque. */
function authenticationEventOf(accessToken: string): string | undefined {
  const payload = accessToken.split(".")[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(new TextDecoder().decode(fromBase64Url(payload))) as Record<string, unknown>;
    return typeof claims.authentication_event_id === "string" ? claims.authentication_event_id : undefined;
  } catch {
    return undefined;
  }
}

type LedgerPage = "unknown" | "expired" | "denied" | "refused" | "no_company" | "connected";

function message(locale: Locale, page: `ledger.${LedgerPage}`, params: Record<string, string> = {}) {
  return {
    locale,
    title: translate(locale, `${page}.title`, params),
    body: translate(locale, `${page}.body`, params),
  };
}
