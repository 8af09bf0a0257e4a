// `wrangler deploy --dry-run` bundles the Worker with no account and no network, and the bundle leaves out
// the sandbox (Node only). wrangler.toml stays in step with the code it configures.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { MAX_ATTEMPTS } from "../../server/queue/port";

const outdir = mkdtempSync(join(tmpdir(), "daybook-worker-bundle-"));
let bundle: string;

beforeAll(async () => {
  await promisify(execFile)("npx", ["--no", "wrangler", "deploy", "--dry-run", "--outdir", outdir], {
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_LOG_PATH: outdir },
    timeout: 120_000,
  });
  bundle = readFileSync(join(outdir, "worker.js"), "utf8");
}, 120_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** The source modules esbuild put in the bundle, from the `// path` line it writes above each one. */
const modules = () => [...bundle.matchAll(/^\/\/ (server\/\S+\.ts)$/gm)].flatMap((match) => match[1] ?? []);

describe("wrangler deploy --dry-run", () => {
  it("bundles server/worker.ts and the app it serves", () => {
    expect(modules()).toEqual(
      expect.arrayContaining(["server/worker.ts", "server/app.ts", "server/work.ts"]),
    );
  });

  it("leaves the sandbox out", () => {
    expect(modules().filter((path) => path.startsWith("server/sandbox/"))).toEqual([]);
    expect(bundle).not.toContain("Demo Coffee");
  });
});

/** What these tests read of wrangler's parsed configuration (its own type does not ship with wrangler). */
interface WranglerConfig {
  queues: {
    producers?: { binding: string; queue: string }[];
    consumers?: { queue: string; max_retries?: number; dead_letter_queue?: string }[];
  };
  triggers: { crons?: string[] };
  d1_databases: { binding: string; migrations_dir?: string }[];
  vars: Record<string, unknown>;
}

describe("wrangler.toml", () => {
  const config: WranglerConfig = unstable_readConfig({ config: "wrangler.toml" });
  const consumer = (queue: string) => config.queues.consumers?.find((entry) => entry.queue === queue);

  it("gives the work queue the Node queue's attempts: one delivery plus max_retries", () => {
    expect(consumer("daybook-work")?.max_retries).toBe(MAX_ATTEMPTS - 1);
  });

  it("sends the work queue's exhausted messages to a dead-letter queue it also consumes", () => {
    expect(consumer("daybook-work")?.dead_letter_queue).toBe("daybook-dead");
    expect(consumer("daybook-dead")).toBeDefined();
    expect(config.queues.producers).toEqual([
      expect.objectContaining({ binding: "WORK_QUEUE", queue: "daybook-work" }),
    ]);
  });

  it("runs the nightly cron hourly, the posting queue every minute, and binds the D1 database with its migrations", () => {
    expect(config.triggers.crons).toEqual(["0 * * * *", "* * * * *"]);
    expect(config.d1_databases).toEqual([
      expect.objectContaining({ binding: "DB", migrations_dir: "migrations" }),
    ]);
    expect(config.vars.DATABASE_URL).toBe("d1:DB");
  });
});
