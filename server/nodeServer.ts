// The Node runtime (the embedded default): a libSQL file, the database queue and its consumer, the
// nightly timer, and the sandbox platform when SANDBOX=1.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import { createClient } from "@libsql/client";
import { createApp } from "./app";
import { systemClock } from "./clock";
import { databaseOf } from "./db/client";
import { migrateDatabase } from "./db/migrate";
import type { Deps } from "./deps";
import { type Env, parseEnv } from "./env";
import { diskAssets } from "./extension/diskAssets";
import { mailerFor } from "./mail/http";
import { createDbConsumer, createDbQueue, type DbQueue } from "./queue/dbQueue";
import { createSandbox } from "./sandbox/index";
import { runNightly } from "./services/nightly";
import { sendDuePosts } from "./services/postDue";
import { databaseInbox } from "./webhooks/dbInbox";
import { workHandler } from "./work";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export interface NodeRuntime {
  deps: Deps & { queue: DbQueue };
  close(): void;
}

/** The migrated database, the queue and the dependencies of the Node runtime, without a server. */
export async function openNodeRuntime(env: Env): Promise<NodeRuntime> {
  const file = env.databaseUrl.startsWith("file:") ? env.databaseUrl.slice("file:".length) : undefined;
  if (file) mkdirSync(dirname(file), { recursive: true });
  const client = createClient({ url: env.databaseUrl, authToken: env.databaseAuthToken });
  if (file) {
    // WAL lets the consumer read while a webhook writes; NORMAL is durable across a process crash.
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute("PRAGMA synchronous = NORMAL");
    await client.execute("PRAGMA busy_timeout = 5000");
  }
  const db = databaseOf(client);
  await migrateDatabase(db);
  const clock = systemClock;
  const queue = createDbQueue({ db, clock });
  const fetch = globalThis.fetch.bind(globalThis);
  const deps = { env, db, queue, clock, fetch, mailer: mailerFor(env, fetch) };
  return { deps, close: () => client.close() };
}

export interface RunningServer {
  url: string;
  deps: Deps;
  close(): Promise<void>;
}

export async function startNodeServer(
  source: Record<string, string | undefined> = process.env,
): Promise<RunningServer> {
  const runtime = await openNodeRuntime(parseEnv(source));
  const { deps } = runtime;
  const { env, db, queue, clock } = deps;
  const app = createApp(deps, {
    sandbox: env.sandbox ? createSandbox(deps) : undefined,
    webhookInbox: databaseInbox(db, queue),
    extension: diskAssets(),
  });

  const consumer = createDbConsumer({
    db,
    clock,
    producer: queue,
    handler: workHandler(deps),
    onError: (error) => console.error("queue consumer:", error),
  });
  consumer.start();
  const nightly = () => runNightly(deps).catch((error) => console.error("nightly run:", error));
  const duePosts = () => sendDuePosts(deps).catch((error) => console.error("posting queue:", error));
  const timers = [setInterval(nightly, HOUR_MS), setInterval(duePosts, MINUTE_MS)];
  void nightly();

  const server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: app.fetch, port: env.port }, () => resolve(started));
  });
  return {
    url: `http://localhost:${env.port}`,
    deps,
    async close() {
      for (const timer of timers) clearInterval(timer);
      await consumer.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      runtime.close();
    },
  };
}
