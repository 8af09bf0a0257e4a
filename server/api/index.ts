// The extension's API under /api, one Hono app whose type the extension's RPC client (`hc<Api>`) reads.
import { Hono } from "hono";
import { type SessionEnv, sessionToken } from "../auth/sessionToken";
import type { Deps } from "../deps";
import { accountRoutes } from "./account";
import { catalogRoutes } from "./catalog";
import { dayActionRoutes } from "./dayActions";
import { dayRoutes } from "./days";
import { executionRoutes } from "./executions";
import { jobRoutes } from "./jobs";
import { ledgerRoutes } from "./ledger";
import { mappingRoutes } from "./mapping";

export function apiApp(deps: Deps) {
  return new Hono<SessionEnv>()
    .use("*", sessionToken(deps))
    .route("/", accountRoutes(deps))
    .route("/", dayRoutes(deps))
    .route("/", dayActionRoutes(deps))
    .route("/", executionRoutes(deps))
    .route("/", jobRoutes(deps))
    .route("/", mappingRoutes(deps))
    .route("/", catalogRoutes(deps))
    .route("/", ledgerRoutes(deps));
}

export type Api = ReturnType<typeof apiApp>;
