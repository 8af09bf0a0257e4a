// The browser project's global setup: builds the extension once (extension/dist, with its
// .vite/manifest.json), as `npx vite build --config extension/vite.config.ts` does, before any test
// starts a server that serves it. The extension bench builds it the same way.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
export const EXTENSION_CONFIG = "extension/vite.config.ts";

/** Runs Vite's build of the extension in a process of its own; its output is shown when it fails. */
export async function buildExtension(): Promise<void> {
  if (!existsSync(join(ROOT, EXTENSION_CONFIG))) {
    throw new Error(`cannot build the extension: ${EXTENSION_CONFIG} does not exist`);
  }
  const child = spawn(join(ROOT, "node_modules/.bin/vite"), ["build", "--config", EXTENSION_CONFIG], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  if (code !== 0) throw new Error(`vite build --config ${EXTENSION_CONFIG} failed (${code}):\n${output}`);
}

export default async function setup(): Promise<void> {
  await buildExtension();
}
