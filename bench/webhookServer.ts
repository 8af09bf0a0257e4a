// The server under test of bench/webhooks.bench.ts, in its own process: Daybook's Node app (no queue
// consumer, so every accepted delivery stays in the queue to be counted) and, on the same server, a
// bare Hono route as the floor.
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { createApp } from "../server/app";
import { parseEnv } from "../server/env";
import { openNodeRuntime } from "../server/nodeServer";
import { databaseInbox } from "../server/webhooks/dbInbox";

const runtime = await openNodeRuntime(parseEnv({ ...process.env, SANDBOX: "1" }));
const app = new Hono();
app.post("/bare", (c) => c.json({ status: "ok" }));
app.route("/", createApp(runtime.deps, { webhookInbox: databaseInbox(runtime.deps.db, runtime.deps.queue) }));
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
  process.send?.({ port: info.port });
});
process.on("disconnect", () => {
  server.close();
  runtime.close();
  process.exit(0);
});
