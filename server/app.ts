// The Hono app, the same on Workers and on Node: install, webhooks, the extension's pages and API,
// and (SANDBOX=1 on Node only) the sandbox platform under /sandbox.
import { Hono } from "hono";
import { apiApp } from "./api/index";
import { installRoutes } from "./auth/install";
import { ledgerConnectRoutes } from "./auth/ledgerConnect";
import type { Deps } from "./deps";
import type { ExtensionAssets } from "./extension/assets";
import { extensionRoutes } from "./extension/routes";
import { publishedManifest } from "./manifest";
import { posLimiterFor } from "./pos/forAccount";
import { createLightspeedClient } from "./pos/lightspeed/client";
import { embeddedPageHeaders, unframedHeaders } from "./security/headers";
import { recordThenQueue, type WebhookInbox } from "./webhooks/inbox";
import { webhookRoutes } from "./webhooks/route";

export interface AppOptions {
  /** The sandbox platform's routes, mounted at /sandbox (server/sandbox/index.ts). */
  sandbox?: Hono;
  /** Where accepted webhooks go; by default recorded, then sent to `deps.queue`. */
  webhookInbox?: WebhookInbox;
  /** The built extension served under /app (from disk on Node, the assets binding on Workers). */
  extension?: ExtensionAssets;
}

export function createApp(deps: Deps, options: AppOptions = {}): Hono {
  const { env } = deps;
  const app = new Hono();
  const embedded = embeddedPageHeaders(env.posOrigin);
  const unframed = unframedHeaders();

  app.onError((error, c) => {
    console.error(error);
    return c.json(
      { error: { code: "internal_error", message: "Daybook could not complete this request" } },
      500,
    );
  });
  app.notFound((c) => c.json({ error: { code: "not_found", message: `${c.req.path} not found` } }, 404));
  const framed = (path: string) => path === "/app" || path.startsWith("/app/");
  app.use("*", (c, next) => (framed(c.req.path) ? embedded(c, next) : unframed(c, next)));

  app.get("/health", (c) => c.json({ ok: true }));
  app.get("/app.manifest.json", (c) => c.json(publishedManifest(env.appUrl)));
  app.route(
    "/",
    installRoutes(deps, {
      posClient: (credentials, posAccountId) =>
        createLightspeedClient({
          apiUrl: env.posApiUrl,
          posAccountId,
          credentials,
          fetch: deps.fetch,
          clock: deps.clock,
          limiterFor: posLimiterFor(deps),
        }),
    }),
  );
  app.route("/", ledgerConnectRoutes(deps));
  app.route("/", webhookRoutes(deps, options.webhookInbox ?? recordThenQueue(deps.db, deps.queue)));
  app.route("/api", apiApp(deps));
  app.route("/app", extensionRoutes(env, options.extension));
  if (options.sandbox) app.route("/sandbox", options.sandbox);
  return app;
}
