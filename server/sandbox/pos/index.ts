// The sandbox POS platform, mounted by the app at /sandbox/pos: the API in Lightspeed Retail shapes at
// /API/V3, the back office at /backoffice (and its actions), its day view and reports framing Daybook at
// /backoffice/day and /backoffice/reports/sales-totals, the rate limit's settings at /settings.
// /oauth/* and /.well-known/jwks.json belong to the sandbox OAuth server (oauth.ts, sessionTokens.ts).
// Fault orders are shared with the sandbox ledgers: pass the same `faults` to createFaultRoutes
// (server/sandbox/faults.ts), mounted at /sandbox/faults.
import { Hono } from "hono";
import { z } from "zod";
import type { Clock } from "../../clock";
import type { Db } from "../../db/client";
import { createSandboxFaults, type SandboxFaults } from "../faults";
import { createSandboxPosApi } from "./api";
import { createBackOffice } from "./backoffice";
import { createBackOfficeDay } from "./backofficeDay";
import { createMerchantHistory } from "./history";
import { createSandboxMutations } from "./mutations";
import { createSandboxBuckets } from "./rateLimit";
import { createWebhookSender, type WebhookSender } from "./webhookSender";

export interface SandboxPosOptions {
  db: Db;
  clock: Clock;
  /** Daybook's URL, for the back office's Install link. */
  appUrl: string;
  /** Signs webhooks and the HS256 session tokens the back office frames Daybook with: the app's client secret. */
  clientSecret: string;
  /** The session tokens' audience: the app's client id. */
  clientId: string;
  /** The session tokens' issuer: the POS origin (where the back office is served). */
  issuer: string;
  /** Delivers webhooks. */
  fetch: typeof fetch;
  /** The POS account id a bearer token belongs to, or null (the sandbox OAuth server knows). */
  authenticate: (accessToken: string) => Promise<string | null>;
  /** A fixed drip rate for the API's leaky buckets; Lightspeed's per-register rate otherwise. */
  dripRate?: number;
  faults?: SandboxFaults;
  /** Tests pass their own to await deliveries (`sender.idle()`). */
  sender?: WebhookSender;
  /** After an uninstall: revoke the app's tokens. */
  onUninstall?: (accountID: string) => Promise<void>;
  /** Waits for "slow" fault orders. */
  faultSleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const Settings = z.object({
  dripRate: z
    .union([z.literal("").transform(() => undefined), z.coerce.number().positive().max(1_000_000)])
    .optional(),
});

export function createSandboxPos(options: SandboxPosOptions): Hono {
  const { db, clock } = options;
  const history = createMerchantHistory();
  const buckets = createSandboxBuckets({ clock, dripRate: options.dripRate });
  const faults = options.faults ?? createSandboxFaults();
  const sender =
    options.sender ??
    createWebhookSender({ fetch: options.fetch, clock, clientSecret: options.clientSecret });
  const mutations = createSandboxMutations({ db, clock, history, sender, onUninstall: options.onUninstall });

  const app = new Hono();
  app.route(
    "/API/V3",
    createSandboxPosApi({
      db,
      clock,
      authenticate: options.authenticate,
      buckets,
      faults,
      history,
      faultSleep: options.faultSleep,
    }),
  );
  app.route(
    "/",
    createBackOffice({ db, clock, appUrl: options.appUrl, history, mutations, faults, buckets, sender }),
  );

  app.route(
    "/",
    createBackOfficeDay({
      db,
      clock,
      appUrl: options.appUrl,
      history,
      sessionTokens: {
        db,
        clock,
        clientId: options.clientId,
        clientSecret: options.clientSecret,
        issuer: options.issuer,
      },
    }),
  );

  app.get("/settings", (c) => c.json({ dripRate: buckets.dripRate() ?? null }));
  // JSON from tests and scripts, a form from the back office (which then goes back to the page).
  app.post("/settings", async (c) => {
    const isForm = (c.req.header("Content-Type") ?? "").includes("form");
    const body: unknown = isForm ? await c.req.parseBody() : await c.req.json().catch(() => undefined);
    const parsed = Settings.safeParse(body);
    if (!parsed.success) return c.json({ error: `dripRate: ${parsed.error.issues[0]?.message}` }, 400);
    buckets.setDripRate(parsed.data.dripRate);
    if (!isForm) return c.json({ dripRate: buckets.dripRate() ?? null });
    const account = (body as Record<string, unknown>).account;
    const query = typeof account === "string" ? `?account=${encodeURIComponent(account)}` : "";
    return c.redirect(`${c.req.path.replace(/\/settings$/, "")}/backoffice${query}`, 303);
  });
  return app;
}
