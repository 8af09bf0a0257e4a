// `npm run bench`, webhooks: signed POS deliveries over loopback to the Node server (8 concurrent
// senders, 20,000 requests), beside a bare Hono route on the same server. Reports throughput and
// p50/p99 latency, and checks that every accepted delivery is in the queue afterwards.
import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { hmacSha256Base64 } from "../server/crypto/hmac";
import { sandboxDefaults } from "../server/env";

const REQUESTS = 20_000;
const SENDERS = 8;
const TARGET_PER_SECOND = 1_500;
const TARGET_P99_MS = 25;

interface Prepared {
  body: string;
  signature: string;
}

interface Run {
  perSecond: number;
  p50: number;
  p99: number;
  statuses: Map<number, number>;
}

function post(agent: Agent, port: number, path: string, item: Prepared): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: "127.0.0.1",
        port,
        path,
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(item.body),
          "X-Pos-Hmac-Sha256": item.signature,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(item.body);
  });
}

async function run(port: number, path: string, items: Prepared[]): Promise<Run> {
  const agent = new Agent({ keepAlive: true, maxSockets: SENDERS });
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < items.length) {
        const item = items[next++] as Prepared;
        const sent = performance.now();
        const status = await post(agent, port, path, item);
        latencies.push(performance.now() - sent);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { perSecond: items.length / seconds, p50: at(0.5), p99: at(0.99), statuses };
}

async function deliveries(secret: string, count: number, prefix: string): Promise<Prepared[]> {
  const triggeredAt = new Date().toISOString();
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const body = JSON.stringify({
        deliveryId: `${prefix}-${i}`,
        topic: "sale.voided",
        accountId: "1001",
        triggeredAt,
        data: { shopID: "1", saleID: String(100_000 + i), completeTime: triggeredAt, voidedAt: triggeredAt },
      });
      return { body, signature: await hmacSha256Base64(secret, body) };
    }),
  );
}

const directory = mkdtempSync(join(tmpdir(), "daybook-bench-"));
const databaseUrl = `file:${join(directory, "bench.db")}`;
const secret = sandboxDefaults(0).POS_CLIENT_SECRET as string;
const server = fork(new URL("./webhookServer.ts", import.meta.url), {
  env: { ...process.env, DATABASE_URL: databaseUrl },
  execArgv: [
    "--import",
    "tsx",
    ...(process.env.BENCH_PROFILE ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] : []),
  ],
});
try {
  const port = await new Promise<number>((resolve, reject) => {
    server.once("message", (message: { port: number }) => resolve(message.port));
    server.once("exit", (code) => reject(new Error(`the bench server exited with ${code}`)));
  });
  const items = await deliveries(secret, REQUESTS, "bench");
  // Warm both paths up, untimed, with deliveries of their own.
  const warmUp = await deliveries(secret, 2_000, "warm");
  await run(port, "/bare", warmUp);
  await run(port, "/webhooks/pos", warmUp);
  const bare = await run(port, "/bare", items);
  const webhooks = await run(port, "/webhooks/pos", items);

  const client = createClient({ url: databaseUrl });
  const queued = await client.execute(
    "SELECT count(*) AS n FROM queue_messages WHERE body LIKE '%\"bench-%'",
  );
  client.close();
  const accepted = webhooks.statuses.get(200) ?? 0;
  const inQueue = Number(queued.rows[0]?.n ?? 0);

  const row = (name: string, r: Run) =>
    `${name.padEnd(22)} ${r.perSecond.toFixed(0).padStart(8)}/s   p50 ${r.p50.toFixed(2).padStart(6)} ms   p99 ${r.p99.toFixed(2).padStart(6)} ms`;
  console.log(`Webhook ingestion, ${REQUESTS} requests, ${SENDERS} concurrent senders over loopback`);
  console.log(row("bare Hono route", bare));
  console.log(row("POST /webhooks/pos", webhooks));
  console.log(
    `statuses: ${JSON.stringify(Object.fromEntries(webhooks.statuses))}; accepted ${accepted}, in the queue ${inQueue}`,
  );
  const meets =
    webhooks.perSecond >= TARGET_PER_SECOND && webhooks.p99 < TARGET_P99_MS && inQueue === accepted;
  console.log(
    `target: >= ${TARGET_PER_SECOND}/s with p99 < ${TARGET_P99_MS} ms and every accepted delivery queued: ${meets ? "met" : "NOT met"}`,
  );
} finally {
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.disconnect();
  await exited;
  rmSync(directory, { recursive: true, force: true });
}
