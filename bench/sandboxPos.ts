// The sandbox POS alone, in a process of its own, for the scheduler bench: the Lightspeed-shaped API the
// app calls, on the app's database (the sandbox reads the access tokens its OAuth server granted there),
// so that the POS's own work is not counted in the app's time, as with the real POS.
// Usage: tsx bench/sandboxPos.ts <port> <app port> <database url>; prints "ready" once it listens.
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { parseEnv } from "../server/env";
import { openNodeRuntime } from "../server/nodeServer";
import { createSandbox } from "../server/sandbox/index";

const [port, appPort, databaseUrl] = process.argv.slice(2);
const runtime = await openNodeRuntime(parseEnv({ SANDBOX: "1", PORT: appPort, DATABASE_URL: databaseUrl }));
const app = new Hono().route("/sandbox", createSandbox(runtime.deps));
serve({ fetch: app.fetch, port: Number(port), hostname: "127.0.0.1" }, () => console.log("ready"));
