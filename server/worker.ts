// The Cloudflare Worker (DESIGN §1): the same Hono app and services as on Node, over D1 (or Turso over
// HTTP), Cloudflare Queues and a Cron Trigger. It never runs the sandbox, which is Node's alone.
import { createClient } from "@libsql/client/web";
import { drizzle as drizzleD1 } from "drizzle-orm/d1";
import type { Hono } from "hono";
import { createApp } from "./app";
import { systemClock } from "./clock";
import { databaseOf, type Db, schema } from "./db/client";
import type { Deps } from "./deps";
import { type Env, EnvError, parseEnv } from "./env";
import { boundAssets } from "./extension/assets";
import { mailerFor } from "./mail/http";
import { cloudflareQueue, consumeBatch, recordDeadLetters } from "./queue/cloudflare";
import type { MessageHandler } from "./queue/port";
import { runNightly } from "./services/nightly";
import { sendDuePosts } from "./services/postDue";
import { workHandler } from "./work";

/** The queues and the cron of wrangler.toml. */
const WORK_QUEUE = "daybook-work";
const DEAD_LETTER_QUEUE = "daybook-dead";
const NIGHTLY_CRON = "0 * * * *";
/** Every minute: the posting queue sends the store-days that are due. */
const POSTING_CRON = "* * * * *";

/** The bindings the Worker needs by name; the vars, the secrets and the database named by DATABASE_URL
 *  are read from the rest of `env`. */
export interface WorkerBindings {
  WORK_QUEUE: Queue;
  /** The built extension (wrangler.toml `[assets]`). */
  ASSETS?: Fetcher;
}

interface Runtime {
  deps: Deps;
  app: Hono;
  work: MessageHandler;
}

// Built on the first event of an isolate and kept for the next ones, which get the same env object; keyed
// by it so that another env (a test's) gets its own deps rather than the first one's.
const runtimes = new WeakMap<object, Runtime>();

function runtimeFor(bindings: WorkerBindings): Runtime {
  let runtime = runtimes.get(bindings);
  if (!runtime) {
    const deps = workerDeps(bindings);
    const extension = bindings.ASSETS && boundAssets(bindings.ASSETS);
    runtime = { deps, app: createApp(deps, { extension }), work: workHandler(deps) };
    runtimes.set(bindings, runtime);
  }
  return runtime;
}

function workerDeps(bindings: WorkerBindings): Deps {
  const named: Record<string, unknown> = Object.fromEntries(Object.entries(bindings));
  const env = workerEnv(named);
  if (!bindings.WORK_QUEUE) throw misconfigured("WORK_QUEUE", "the queue producer binding is missing");
  // Workers throws "Illegal invocation" when fetch is called detached from the global scope.
  const fetch = globalThis.fetch.bind(globalThis);
  return {
    env,
    db: database(env, named),
    queue: cloudflareQueue(bindings.WORK_QUEUE),
    clock: systemClock,
    fetch,
    mailer: mailerFor(env, fetch),
  };
}

function workerEnv(named: Record<string, unknown>): Env {
  const vars = Object.fromEntries(
    Object.entries(named).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
  // parseEnv would fill SANDBOX=1's local defaults (a file database, the sandbox POS): refuse instead.
  if (vars.SANDBOX && vars.SANDBOX !== "0")
    throw misconfigured(
      "SANDBOX",
      "the sandbox runs on Node only; the Worker never enables it: remove SANDBOX",
    );
  return parseEnv(vars);
}

function database(env: Env, named: Record<string, unknown>): Db {
  const url = env.databaseUrl;
  if (url.startsWith("d1:")) {
    const name = url.slice("d1:".length);
    const binding = named[name];
    if (!isD1(binding)) throw misconfigured("DATABASE_URL", `there is no D1 binding named "${name}"`);
    // The one cast between drivers: drizzle's D1 database has the libSQL one's query API (the same SQLite
    // dialect, `returning`, `batch`); only raw `run()` results differ, and no repository reads them.
    return drizzleD1(binding, { schema }) as unknown as Db;
  }
  if (url.startsWith("file:"))
    throw misconfigured("DATABASE_URL", "a Worker has no file system: use d1:<binding> or a libsql:// URL");
  return databaseOf(createClient({ url, authToken: env.databaseAuthToken }));
}

function isD1(value: unknown): value is D1Database {
  return typeof value === "object" && value !== null && "prepare" in value && "batch" in value;
}

function misconfigured(name: string, problem: string): EnvError {
  return new EnvError(`Daybook cannot start; fix its environment:\n  ${name}: ${problem}`);
}

export default {
  async fetch(request, bindings, ctx) {
    let runtime: Runtime;
    try {
      runtime = runtimeFor(bindings);
    } catch (error) {
      if (!(error instanceof EnvError)) throw error;
      console.error(error.message);
      return Response.json({ error: { code: "misconfigured", message: error.message } }, { status: 500 });
    }
    return runtime.app.fetch(request, bindings, ctx);
  },

  async queue(batch, bindings) {
    const { deps, work } = runtimeFor(bindings);
    switch (batch.queue) {
      case WORK_QUEUE:
        return consumeBatch(batch, work);
      case DEAD_LETTER_QUEUE:
        return recordDeadLetters(deps.db, batch, deps.clock());
      default:
        // Returning would acknowledge messages nobody handled.
        throw new Error(`Daybook has no consumer for queue "${batch.queue}"`);
    }
  },

  async scheduled(controller, bindings, ctx) {
    const { deps } = runtimeFor(bindings);
    if (controller.cron === NIGHTLY_CRON) ctx.waitUntil(runNightly(deps));
    else if (controller.cron === POSTING_CRON) ctx.waitUntil(sendDuePosts(deps));
    else throw new Error(`Daybook has no job for cron "${controller.cron}"`);
  },
} satisfies ExportedHandler<WorkerBindings>;
