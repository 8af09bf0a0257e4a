// The server's configuration, read once at start. Every problem is named, all at once.
import { z } from "zod";

const Url = z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ""));
const Secret = z.string().min(32, "must be at least 32 characters");
const Base64Key = z
  .string()
  .refine((value) => /^[A-Za-z0-9+/]{43}=$/.test(value), "must be 32 bytes in base64 (44 characters)");
/** A sender, checked loosely: `jobs@example.com` or `Daybook <jobs@example.com>`. */
const MailSender = z
  .string()
  .trim()
  .regex(
    /^(?:[^<>@]*<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/,
    'must be an email address, e.g. "Daybook <jobs@example.com>"',
  );

/** A ledger's OAuth client and endpoints; a ledger without them is not offered. */
function ledgerSettings<P extends "QBO" | "XERO">(prefix: P) {
  return {
    [`${prefix}_CLIENT_ID`]: z.string().min(1).optional(),
    [`${prefix}_CLIENT_SECRET`]: z.string().min(1).optional(),
    [`${prefix}_AUTH_URL`]: Url.optional(),
    [`${prefix}_TOKEN_URL`]: Url.optional(),
    [`${prefix}_API_URL`]: Url.optional(),
  } as Record<
    `${P}_${"CLIENT_ID" | "CLIENT_SECRET" | "AUTH_URL" | "TOKEN_URL" | "API_URL"}`,
    z.ZodOptional<z.ZodString>
  >;
}

const EnvSchema = z.object({
  APP_URL: Url,
  POS_ORIGIN: Url,
  POS_ADMIN_URL: Url,
  POS_AUTH_URL: Url,
  POS_API_URL: Url,
  POS_JWKS_URL: Url.optional(),
  POS_CLIENT_ID: z.string().min(1),
  POS_CLIENT_SECRET: Secret,
  TOKEN_ENCRYPTION_KEY: Base64Key,
  COOKIE_SECRET: Secret,
  DATABASE_URL: z
    .string()
    .regex(
      /^(file:|libsql:|https?:|wss?:|d1:)/,
      "must be a file:, libsql://, http(s):// or ws(s):// URL, or d1:<binding> (Workers only)",
    ),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  ...ledgerSettings("QBO"),
  ...ledgerSettings("XERO"),
  MAIL_API_URL: Url.optional(),
  MAIL_API_KEY: z.string().min(1).optional(),
  MAIL_FROM: MailSender.optional(),
  SANDBOX: z.enum(["0", "1"]).default("0"),
  PORT: z.coerce.number().int().min(1).max(65_535).default(8787),
  VOID_RELOAD_DELAY_SECONDS: z.coerce.number().int().min(0).max(3_600).default(60),
});

export interface Env {
  appUrl: string;
  /** The POS back office's origin: the only page allowed to frame the extension. */
  posOrigin: string;
  /** Where the merchant lands in the POS after installing. */
  posAdminUrl: string;
  posAuthUrl: string;
  posApiUrl: string;
  posJwksUrl?: string;
  posClientId: string;
  /** Signs session tokens (HS256) and webhooks (HMAC-SHA256); authenticates the code exchange. */
  posClientSecret: string;
  tokenEncryptionKey: string;
  cookieSecret: string;
  databaseUrl: string;
  databaseAuthToken?: string;
  /** The ledgers Daybook can connect to (QuickBooks Online, Xero), each with its OAuth client. */
  ledgers: { qbo?: LedgerEnv; xero?: LedgerEnv };
  /** The email provider of completion emails; without it, Daybook offers none. */
  mail?: MailEnv;
  sandbox: boolean;
  port: number;
  /** How long a voided sale's reload waits, so that a burst of voids makes one reload. */
  voidReloadDelaySeconds: number;
}

export interface LedgerEnv {
  clientId: string;
  clientSecret: string;
  /** The authorization page. */
  authUrl: string;
  tokenUrl: string;
  /** QBO: the v3 base (`…/v3`, company under `/company/{realmId}`); Xero: the API host (`/connections`, `/api.xro/2.0`). */
  apiUrl: string;
}

export interface MailEnv {
  /** The provider's API base (Resend's shape: `POST {apiUrl}/emails`), e.g. `https://api.resend.com`. */
  apiUrl: string;
  apiKey: string;
  /** The sender, e.g. `Daybook <jobs@daybook.example.com>`. */
  from: string;
}

export class EnvError extends Error {
  override name = "EnvError";
}

/** Values `npm start` uses with SANDBOX=1: the app and the sandbox POS on one machine, on two host names
 * so that the back office (localhost) frames the app (127.0.0.1) from another origin, as the POS does. */
export function sandboxDefaults(port: number): Record<string, string> {
  const sandbox = `http://localhost:${port}/sandbox`;
  const pos = `${sandbox}/pos`;
  return {
    APP_URL: `http://127.0.0.1:${port}`,
    POS_ORIGIN: `http://localhost:${port}`,
    POS_ADMIN_URL: `${pos}/backoffice`,
    POS_AUTH_URL: `${pos}/oauth`,
    POS_API_URL: `${pos}/API/V3`,
    POS_JWKS_URL: `${pos}/.well-known/jwks.json`,
    POS_CLIENT_ID: "daybook-sandbox",
    POS_CLIENT_SECRET: "sandbox-client-secret-not-for-production-use",
    TOKEN_ENCRYPTION_KEY: "c2FuZGJveC1lbmNyeXB0aW9uLWtleS0zMi1ieXRlcyE=",
    COOKIE_SECRET: "sandbox-cookie-secret-not-for-production-use",
    DATABASE_URL: "file:./.data/daybook.db",
    QBO_CLIENT_ID: "daybook-sandbox-qbo",
    QBO_CLIENT_SECRET: "sandbox-qbo-secret-not-for-production-use",
    QBO_AUTH_URL: `${sandbox}/qbo/connect/oauth2`,
    QBO_TOKEN_URL: `${sandbox}/qbo/oauth2/v1/tokens/bearer`,
    QBO_API_URL: `${sandbox}/qbo/v3`,
    XERO_CLIENT_ID: "daybook-sandbox-xero",
    XERO_CLIENT_SECRET: "sandbox-xero-secret-not-for-production-use",
    XERO_AUTH_URL: `${sandbox}/xero/identity/connect/authorize`,
    XERO_TOKEN_URL: `${sandbox}/xero/identity/connect/token`,
    XERO_API_URL: `${sandbox}/xero`,
    MAIL_API_URL: `${sandbox}/mail`,
    MAIL_API_KEY: "sandbox-mail-key-not-for-production-use",
    MAIL_FROM: "Daybook <jobs@daybook.test>",
  };
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const sandbox = source.SANDBOX === "1";
  const port = Number(source.PORT ?? 8787);
  const values = sandbox ? { ...sandboxDefaults(port), ...definedOnly(source) } : source;
  const result = EnvSchema.safeParse(values);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Daybook cannot start; fix its environment:\n${lines.join("\n")}`);
  }
  const env = result.data;
  const ledgers: Env["ledgers"] = {};
  const missing: string[] = [];
  for (const [kind, prefix] of [
    ["qbo", "QBO"],
    ["xero", "XERO"],
  ] as const) {
    const names = ["CLIENT_ID", "CLIENT_SECRET", "AUTH_URL", "TOKEN_URL", "API_URL"] as const;
    const values = names.map((name) => env[`${prefix}_${name}`]);
    const given = values.filter((value) => value !== undefined).length;
    if (given === names.length) {
      const [clientId, clientSecret, authUrl, tokenUrl, apiUrl] = values as string[];
      ledgers[kind] = {
        clientId: clientId!,
        clientSecret: clientSecret!,
        authUrl: authUrl!,
        tokenUrl: tokenUrl!,
        apiUrl: apiUrl!,
      };
    } else if (given > 0) {
      missing.push(
        ...names
          .filter((_, i) => values[i] === undefined)
          .map((name) => `  ${prefix}_${name}: required with the other ${prefix}_ settings`),
      );
    }
  }
  const mailNames = ["MAIL_API_URL", "MAIL_API_KEY", "MAIL_FROM"] as const;
  const [mailApiUrl, mailApiKey, mailFrom] = mailNames.map((name) => env[name]);
  const mail =
    mailApiUrl && mailApiKey && mailFrom
      ? { apiUrl: mailApiUrl, apiKey: mailApiKey, from: mailFrom }
      : undefined;
  if (!mail && (mailApiUrl ?? mailApiKey ?? mailFrom) !== undefined)
    missing.push(
      ...mailNames
        .filter((name) => env[name] === undefined)
        .map((name) => `  ${name}: required with the other MAIL_ settings`),
    );
  if (missing.length) throw new EnvError(`Daybook cannot start; fix its environment:\n${missing.join("\n")}`);
  return {
    appUrl: env.APP_URL,
    posOrigin: env.POS_ORIGIN,
    posAdminUrl: env.POS_ADMIN_URL,
    posAuthUrl: env.POS_AUTH_URL,
    posApiUrl: env.POS_API_URL,
    posJwksUrl: env.POS_JWKS_URL,
    posClientId: env.POS_CLIENT_ID,
    posClientSecret: env.POS_CLIENT_SECRET,
    tokenEncryptionKey: env.TOKEN_ENCRYPTION_KEY,
    cookieSecret: env.COOKIE_SECRET,
    databaseUrl: env.DATABASE_URL,
    databaseAuthToken: env.DATABASE_AUTH_TOKEN,
    ledgers,
    mail,
    sandbox: env.SANDBOX === "1",
    port: env.PORT,
    voidReloadDelaySeconds: env.VOID_RELOAD_DELAY_SECONDS,
  };
}

function definedOnly(source: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(source).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== "",
    ),
  );
}
