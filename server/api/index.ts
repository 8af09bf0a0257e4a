// The extension's API under /api, one Hono app whose type the extension's RPC client (`hc<Api>`) reads.
import { Hono } from "hono";
import { type SessionEnv, sessionToken } from "../auth/sessionToken";
import type { Deps } from "../deps";
import { dayActionRoutes } from "./dayActions";
import { apiRoutes } from "./routes";

export function apiApp(deps: Deps) {
  return new Hono<SessionEnv>()
    .use("*", sessionToken(deps))
    .route("/", apiRoutes(deps))
    .route("/", dayActionRoutes(deps));
}

export type Api = ReturnType<typeof apiApp>;
