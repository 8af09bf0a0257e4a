// `npm run bench`, scheduler: a Load missing job over the three Demo Coffee stores x their 120 days of
// history, run by the Node server as `npm start` runs it (its queue consumer), against the sandbox POS
// API in a process of its own (bench/sandboxPos.ts; loopback HTTP) with its rate limit set to a drip of
// 20 per second. Reports the POS calls per
// store-day, the 429s received, and the wall time against the least the rate limit allows for the drips
// those calls cost: (drips spent - the bucket's size) / drip rate.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JobDetail, JobSearchRow, JobView, StoreView } from "../shared/api";
import { addDays, localDate } from "../shared/time";
import { sandboxDefaults } from "../server/env";
import { startNodeServer } from "../server/nodeServer";

const DRIP_RATE = 20;
const TARGET_RATIO = 1.25;
const MERCHANT = "1001";
const SUPER_USER = "1";
const HISTORY_DAYS = 120;

interface PosTraffic {
  calls: number;
  throttled: number;
  drips: number;
  bucketSize: number;
}

/** Counts the POS API calls of this process, what they cost and the 429s, from the sandbox's answers. */
function watchPosCalls(apiPath: string): PosTraffic {
  const traffic: PosTraffic = { calls: 0, throttled: 0, drips: 0, bucketSize: 0 };
  const realFetch = globalThis.fetch.bind(globalThis);
  globalThis.fetch = async (input, init) => {
    const response = await realFetch(input, init);
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (url.includes(apiPath)) {
      traffic.calls++;
      if (response.status === 429) traffic.throttled++;
      else traffic.drips += Number(response.headers.get("X-LS-Api-Request-Cost") ?? 0);
      const size = Number((response.headers.get("X-LS-Api-Bucket-Level") ?? "").split("/")[1]);
      if (size > 0) traffic.bucketSize = size;
    }
    return response;
  };
  return traffic;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const [port, posPort] = [await freePort(), await freePort()];
  const directory = mkdtempSync(join(tmpdir(), "daybook-bench-"));
  const databaseUrl = `file:${join(directory, "daybook.db")}`;
  const defaults = sandboxDefaults(port);
  // Before the server starts: it binds the global fetch.
  const traffic = watchPosCalls("/sandbox/pos/API/V3");
  // The POS API in its own process, on the same database (migrated by the server first).
  const posApi = `http://127.0.0.1:${posPort}/sandbox/pos`;
  const server = await startNodeServer({
    ...defaults,
    SANDBOX: "1",
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    POS_API_URL: `${posApi}/API/V3`,
  });
  const posProcess = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      join(import.meta.dirname, "sandboxPos.ts"),
      String(posPort),
      String(port),
      databaseUrl,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve, reject) => {
    posProcess.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
    posProcess.on("exit", (code) => reject(new Error(`the sandbox POS exited (${code})`)));
  });
  const app = defaults.APP_URL!;
  const pos = `${defaults.POS_ORIGIN}/sandbox/pos`;
  try {
    await install(app);
    const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const minted = await fetch(`${pos}/session-token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ accountId: MERCHANT, employeeId: SUPER_USER }),
      });
      const { token } = (await minted.json()) as { token: string };
      const response = await fetch(`${app}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };

    const { stores } = await call<{ stores: StoreView[] }>("GET", "/stores");
    const today = localDate(Date.now(), stores[0]!.timezone);
    const from = addDays(today, -HISTORY_DAYS);
    const to = addDays(today, -1);
    await call("PUT", "/settings", { syncStartDate: from });
    const storeIds = stores.map((store) => store.id);
    const search = { from, to, storeIds, filter: "missing" as const };
    const query = new URLSearchParams({ from, to, storeIds: storeIds.join(","), filter: "missing" });
    const { results } = await call<{ results: JobSearchRow[] }>("GET", `/jobs/search?${query}`);

    // The drip the bench is about, and a bucket that has drained what the install spent.
    await fetch(`${posApi}/settings`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ dripRate: DRIP_RATE }),
    });
    await sleep(((traffic.bucketSize || 120) / DRIP_RATE) * 1000 + 500);
    Object.assign(traffic, { calls: 0, throttled: 0, drips: 0 });

    const started = performance.now();
    const { job } = await call<{ job: JobView }>("POST", "/jobs", {
      type: "load_missing",
      name: "Bench: load missing",
      sources: ["sales"],
      notify: false,
      search,
      entries: results.map(({ storeId, salesDate }) => ({ storeId, salesDate })),
    });
    // Watched as the Active Jobs tab does, a few times a second.
    for (;;) {
      const { jobs } = await call<{ jobs: JobView[] }>("GET", "/jobs?state=active");
      if (!jobs.some((active) => active.id === job.id)) break;
      await sleep(250);
    }
    const seconds = (performance.now() - started) / 1000;
    const detail = await call<JobDetail>("GET", `/jobs/${job.id}`);

    const minimum = Math.max(0, traffic.drips - traffic.bucketSize) / DRIP_RATE;
    const ratio = minimum > 0 ? seconds / minimum : Number.NaN;
    const { counts } = detail.job;
    console.log(
      `Scheduler: Load missing, ${stores.length} stores x ${HISTORY_DAYS} days (${results.length} store-days), sandbox POS at ${DRIP_RATE} drips/s`,
    );
    console.log(
      `  entries: ${counts.completed} completed, ${counts.failed} failed, ${counts.cancelled} cancelled`,
    );
    console.log(
      `  POS calls: ${traffic.calls} (${(traffic.calls / results.length).toFixed(2)} per store-day), ${traffic.drips.toFixed(1)} drips`,
    );
    console.log(`  429s received: ${traffic.throttled} (target 0)`);
    console.log(
      `  wall time: ${seconds.toFixed(1)} s; rate-limit minimum ${minimum.toFixed(1)} s ((drips - bucket of ${traffic.bucketSize}) / ${DRIP_RATE}); ratio ${ratio.toFixed(2)}x (target <= ${TARGET_RATIO}x)`,
    );
    const failures = [
      counts.completed !== results.length && `${results.length - counts.completed} entries did not complete`,
      traffic.throttled > 0 && `${traffic.throttled} 429s`,
      !(ratio <= TARGET_RATIO) && `wall time ${ratio.toFixed(2)}x the minimum`,
    ].filter(Boolean);
    if (failures.length > 0) console.log(`  MISSED: ${failures.join("; ")}`);
  } finally {
    posProcess.kill();
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Installs Daybook for the merchant as the back office's Install link does: consent, then the callback. */
async function install(app: string) {
  const begin = await fetch(`${app}/install?account=${MERCHANT}`, { redirect: "manual" });
  const cookie = (begin.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const consent = new URL(begin.headers.get("location") ?? "");
  const form = new URLSearchParams(consent.searchParams);
  form.set("decision", "approve");
  form.set("account", MERCHANT);
  const approved = await fetch(consent, { method: "POST", body: form, redirect: "manual" });
  const done = await fetch(approved.headers.get("location") ?? "", {
    headers: { cookie },
    redirect: "manual",
  });
  if (done.status >= 400) throw new Error(`install failed: ${done.status} ${await done.text()}`);
}

await main();
