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
import { parseEnv } from "./env";
import { createDbConsumer, createDbQueue } from "./queue/dbQueue";
import { createSandbox } from "./sandbox";
import { runNightly } from "./services/nightly";
import { workHandler } from "./work";

const HOUR_MS = 60 * 60_000;

export interface RunningServer {
  url: string;
  deps: Deps;
  close(): Promise<void>;
}

export async function startNodeServer(
  source: Record<string, string | undefined> = process.env,
): Promise<RunningServer> {
  const env = parseEnv(source);
  if (env.databaseUrl.startsWith("file:"))
    mkdirSync(dirname(env.databaseUrl.slice("file:".length)), { recursive: true });
  const client = createClient({ url: env.databaseUrl, authToken: env.databaseAuthToken });
  if (env.databaseUrl.startsWith("file:")) {
    // WAL lets the consumer read while a webhook writes; NORMAL is durable across a process crash.
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute("PRAGMA synchronous = NORMAL");
    await client.execute("PRAGMA busy_timeout = 5000");
  }
  const db = databaseOf(client);
  await migrateDatabase(db);

  const clock = systemClock;
  const queue = createDbQueue({ db, clock });
  const deps: Deps = { env, db, queue, clock, fetch: globalThis.fetch.bind(globalThis) };
  const app = createApp(deps, { sandbox: env.sandbox ? createSandbox(deps) : undefined });

  const consumer = createDbConsumer({
    db,
    clock,
    producer: queue,
    handler: workHandler(deps),
    onError: (error) => console.error("queue consumer:", error),
  });
  consumer.start();
  const nightly = () => runNightly(deps).catch((error) => console.error("nightly run:", error));
  const timer = setInterval(nightly, HOUR_MS);
  void nightly();

  const server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: app.fetch, port: env.port }, () => resolve(started));
  });
  return {
    url: `http://localhost:${env.port}`,
    deps,
    async close() {
      clearInterval(timer);
      await consumer.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      client.close();
    },
  };
}
