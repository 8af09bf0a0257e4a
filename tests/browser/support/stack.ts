// The real server as `npm start` runs it (tsx server/node.ts with SANDBOX=1), on a free port and a fresh
// database in a temporary directory, for browser tests and benches. The app answers on 127.0.0.1, the
// sandbox POS (its back office) on localhost: two origins, as the POS frames an app from elsewhere.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface Stack {
  /** The app's origin: http://127.0.0.1:PORT */
  appUrl: string;
  /** The sandbox POS's origin: http://localhost:PORT (its back office is under /sandbox/pos/backoffice). */
  posUrl: string;
  port: number;
  /** The server's libSQL database (file:…), for tests that set up what has no screen yet. */
  databaseUrl: string;
  /** What the server has printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Stops the server (its whole process group) and removes its database. */
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Settings added to (or overriding) the server's environment. */
  env?: Record<string, string>;
  /** How long to wait for GET /health to answer 200; 60 s unless given. */
  startTimeoutMs?: number;
}

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const OUTPUT_SHOWN = 8_000;

/** A TCP port nobody listens on at the moment. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolvePort(port) : reject(new Error("no free port"))));
    });
  });
}

const started = new Set<Stack>();

/** The stacks started and not yet stopped (for the browser tests' showOnFailure.ts). */
export function runningStacks(): Stack[] {
  return [...started];
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const port = await freePort();
  const directory = mkdtempSync(join(tmpdir(), "daybook-browser-"));
  const databaseUrl = `file:${join(directory, "daybook.db")}`;
  const child = spawn(join(ROOT, "node_modules/.bin/tsx"), ["server/node.ts"], {
    cwd: ROOT,
    // A process group of its own, so that stop() ends tsx and the node process it starts.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      SANDBOX: "1",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      ...options.env,
    },
  });
  let output = "";
  const capture = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout.on("data", capture);
  child.stderr.on("data", capture);
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const running = () => child.exitCode === null && child.signalCode === null;

  const appUrl = `http://127.0.0.1:${port}`;
  const posUrl = `http://localhost:${port}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (running() && child.pid !== undefined) {
      signalGroup(child.pid, "SIGTERM");
      const timer = setTimeout(() => signalGroup(child.pid!, "SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    // tsx's node process may outlive tsx by a moment; make sure nothing of the group is left.
    if (child.pid !== undefined) signalGroup(child.pid, "SIGKILL");
    rmSync(directory, { recursive: true, force: true });
  };

  const timeoutMs = options.startTimeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (!running()) {
        throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before answering`);
      }
      if (await healthy(appUrl)) break;
      if (Date.now() > deadline)
        throw new Error(`GET ${appUrl}/health did not answer 200 in ${timeoutMs} ms`);
      await new Promise((wake) => setTimeout(wake, 100));
    }
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}; the server printed:\n${tail(output)}`);
  }
  const stack: Stack = {
    appUrl,
    posUrl,
    port,
    databaseUrl,
    output: () => output,
    stop: async () => {
      started.delete(stack);
      await stop();
    },
  };
  started.add(stack);
  return stack;
}

async function healthy(appUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${appUrl}/health`, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

function tail(text: string): string {
  if (!text) return "(nothing)";
  return text.length > OUTPUT_SHOWN ? `…${text.slice(-OUTPUT_SHOWN)}` : text;
}
