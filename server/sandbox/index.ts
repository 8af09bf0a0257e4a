// The sandbox platform (SANDBOX=1, Node only), mounted at /sandbox: the POS (its API, OAuth server,
// session tokens, back office and webhooks), the ledgers, the email provider and the fault orders shared
// by every sandbox service.
import { Hono } from "hono";
import type { Deps } from "../deps";
import { createFaultRoutes, createSandboxFaults, type SandboxFaults } from "./faults";
import { createSandboxMail } from "./mail/index";
import { createSandboxPos } from "./pos";
import { createSandboxPosAuth, revokeSandboxTokens, sandboxAccessTokenOwner } from "./pos/oauth";
import { createSandboxSessionTokens } from "./pos/sessionTokens";
import type { WebhookSender } from "./pos/webhookSender";
import { createSandboxQbo } from "./qbo/index";
import { createSandboxXero } from "./xero/index";

export interface SandboxOptions {
  faults?: SandboxFaults;
  /** Tests pass their own webhook sender to await deliveries. */
  sender?: WebhookSender;
  dripRate?: number;
}

export function createSandbox(deps: Deps, options: SandboxOptions = {}): Hono {
  const { db, clock, env } = deps;
  const faults = options.faults ?? createSandboxFaults();
  const pos = new Hono();
  pos.route(
    "/",
    createSandboxPosAuth({ db, clock, clientId: env.posClientId, clientSecret: env.posClientSecret }),
  );
  pos.route(
    "/",
    createSandboxSessionTokens({
      db,
      clock,
      clientId: env.posClientId,
      clientSecret: env.posClientSecret,
      issuer: env.posOrigin,
    }),
  );
  pos.route(
    "/",
    createSandboxPos({
      db,
      clock,
      appUrl: env.appUrl,
      clientSecret: env.posClientSecret,
      clientId: env.posClientId,
      issuer: env.posOrigin,
      fetch: deps.fetch,
      authenticate: (token) => sandboxAccessTokenOwner(db, clock, token),
      onUninstall: (accountID) => revokeSandboxTokens(db, accountID),
      faults,
      sender: options.sender,
      dripRate: options.dripRate,
    }),
  );
  const sandbox = new Hono().route("/pos", pos).route("/faults", createFaultRoutes(faults));
  const redirectUris = [`${env.appUrl}/oauth/ledger/callback`];
  const { qbo, xero } = env.ledgers;
  if (qbo)
    sandbox.route(
      "/qbo",
      createSandboxQbo({ db, clock, clientId: qbo.clientId, clientSecret: qbo.clientSecret, faults }),
    );
  if (xero)
    sandbox.route(
      "/xero",
      createSandboxXero({
        db,
        clock,
        clientId: xero.clientId,
        clientSecret: xero.clientSecret,
        faults,
        redirectUris,
      }),
    );
  if (env.mail) sandbox.route("/mail", createSandboxMail({ db, clock, apiKey: env.mail.apiKey, faults }));
  return sandbox;
}
