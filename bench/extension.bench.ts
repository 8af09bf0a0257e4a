// `npm run bench`, extension: builds the extension (extension/dist), then
// (a) the gzip size of what the first screen loads: the entry chunk with its static imports, and the
//     Accounting tab's lazily loaded chunk(s) (extension/src/pages/DayPage.tsx) with theirs; every other
//     chunk's size beside;
// (b) time to interactive of the Accounting tab: the real server (as `npm start`), Daybook installed from
//     the back office in Chromium, then the tab loaded directly, each time in a fresh browser context,
//     until the extension's `daybook:interactive` performance mark (the day and its actions rendered).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { addDays, localDate } from "../shared/time";
import type { StoreView } from "../shared/api";
import {
  activateSandboxMapping,
  callApi,
  SAM_SUPER_USER,
  sessionToken,
} from "../tests/browser/support/books";
import { connectQuickBooks, installFromBackOffice, launchBrowser } from "../tests/browser/support/browser";
import { buildExtension } from "../tests/browser/support/globalSetup";
import { startStack, type Stack } from "../tests/browser/support/stack";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(ROOT, "extension/dist");
const ACCOUNTING_TAB_SRC = "extension/src/pages/DayPage.tsx";
const TARGET_FIRST_SCREEN_JS_GZIP = 250_000;
const LOADS = 10;
const TARGET_INTERACTIVE_MS = 1_000;
const MARK = "daybook:interactive";
const STORE_ID = "1";
const TIME_ZONE = "America/Toronto";

/** An entry of Vite's .vite/manifest.json. */
interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

interface Sized {
  file: string;
  bytes: number;
  gzip: number;
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1).padStart(7)} kB`;
const isJs = (file: string) => /\.m?js$/.test(file);
const isCss = (file: string) => file.endsWith(".css");

function size(file: string): Sized {
  const content = readFileSync(join(DIST, file));
  return { file, bytes: content.length, gzip: gzipSync(content).length };
}

/** The manifest keys `start` loads before running: themselves and their static imports, recursively. */
function staticClosure(manifest: Manifest, start: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the manifest has no ${key} (imported by another chunk)`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  start.forEach(visit);
  return seen;
}

/** Whether a manifest `src` (relative to Vite's root, which may be extension/ or the repository) is `path`. */
const sourceIs = (src: string | undefined, path: string) =>
  src !== undefined && (src === path || path.endsWith(`/${src}`));

function printSizes(title: string, files: readonly Sized[]): void {
  console.log(title);
  for (const f of files) console.log(`  ${f.file.padEnd(56)} ${kB(f.bytes)}   gzip ${kB(f.gzip)}`);
}

function bundleSizes(): void {
  const manifest = JSON.parse(readFileSync(join(DIST, ".vite/manifest.json"), "utf8")) as Manifest;
  const keys = Object.keys(manifest);
  const entries = keys.filter((key) => manifest[key]!.isEntry);
  const accountingTab = keys.filter((key) => sourceIs(manifest[key]!.src, ACCOUNTING_TAB_SRC));
  if (entries.length === 0) throw new Error("the extension's manifest has no entry chunk (isEntry)");
  if (accountingTab.length === 0)
    throw new Error(`the extension's manifest has no chunk of ${ACCOUNTING_TAB_SRC}`);

  const firstKeys = staticClosure(manifest, [...entries, ...accountingTab]);
  const firstFiles = new Set<string>();
  for (const key of firstKeys) {
    const chunk = manifest[key]!;
    firstFiles.add(chunk.file);
    for (const css of chunk.css ?? []) firstFiles.add(css);
  }
  const allFiles = new Set<string>();
  for (const chunk of Object.values(manifest)) {
    allFiles.add(chunk.file);
    for (const css of chunk.css ?? []) allFiles.add(css);
  }
  const code = (files: Iterable<string>) =>
    [...files]
      .filter((file) => isJs(file) || isCss(file))
      .sort()
      .map(size);
  const first = code(firstFiles);
  const others = code([...allFiles].filter((file) => !firstFiles.has(file)));
  const total = (files: readonly Sized[], kind: (file: string) => boolean) =>
    files.filter((f) => kind(f.file)).reduce((sum, f) => sum + f.gzip, 0);
  const firstJs = total(first, isJs);

  console.log(`Extension bundle (extension/dist; kB = 1,000 bytes; gzip at zlib's default level)`);
  printSizes(
    `first screen: entry ${entries.join(", ")} and the Accounting tab (${accountingTab.join(", ")}), with their static imports`,
    first,
  );
  console.log(`  first screen gzip: JavaScript ${kB(firstJs)}, CSS ${kB(total(first, isCss))}`);
  printSizes(`other chunks (${others.length})`, others);
  console.log(
    `target: first screen JavaScript < ${TARGET_FIRST_SCREEN_JS_GZIP / 1000} kB gzip: ${firstJs < TARGET_FIRST_SCREEN_JS_GZIP ? "met" : "NOT met"}`,
  );
}

/** Loads the Accounting tab in a fresh context; the `daybook:interactive` mark's time, in ms since navigation. */
async function loadAccountingTab(browser: Browser, stack: Stack, date: string, timeoutMs: number) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    const url = `${stack.appUrl}/app/day/${STORE_ID}/${date}?id_token=${await sessionToken(stack, SAM_SUPER_USER)}`;
    await page.goto(url, { timeout: timeoutMs });
    try {
      await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, MARK, {
        timeout: timeoutMs,
      });
    } catch (error) {
      const waited = (error as Error).message.split("\n")[0];
      const text = await page
        .locator("body")
        .innerText()
        .catch(() => "");
      const shown = url.replace(/id_token=.*/, "id_token=…");
      throw new Error(
        `no ${MARK} mark on ${shown} in ${timeoutMs} ms (${waited})\n${problems.join("\n")}\n` +
          `page text:\n${text.slice(0, 2_000)}`,
      );
    }
    return await page.evaluate((mark) => performance.getEntriesByName(mark)[0]!.startTime, MARK);
  } finally {
    await context.close();
  }
}

async function timeToInteractive(): Promise<void> {
  const stack = await startStack();
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const installing = await browser.newContext();
    await installFromBackOffice(await installing.newPage(), stack.posUrl);
    // A day as merchants open it: loaded, its documents posted to QuickBooks.
    await connectQuickBooks(installing, stack.posUrl);
    await installing.close();
    const date = addDays(localDate(Date.now(), TIME_ZONE), -1);
    await activateSandboxMapping(stack);
    await callApi(stack, SAM_SUPER_USER, "PUT", "/settings", { syncStartDate: addDays(date, -7) });
    const { stores } = await callApi<{ stores: StoreView[] }>(stack, SAM_SUPER_USER, "GET", "/stores");
    const store = stores.find((candidate) => candidate.posShopId === STORE_ID)!;
    for (const action of ["reload", "post"])
      await callApi(stack, SAM_SUPER_USER, "POST", `/days/${store.id}/${date}/${action}`);

    const warmUp = await loadAccountingTab(browser, stack, date, 120_000);
    const times: number[] = [];
    for (let i = 0; i < LOADS; i++) times.push(await loadAccountingTab(browser, stack, date, 30_000));

    const sorted = [...times].sort((a, b) => a - b);
    const median = (sorted[(LOADS - 1) >> 1]! + sorted[LOADS >> 1]!) / 2;
    console.log(
      `Accounting tab, time to interactive (the ${MARK} mark), store ${STORE_ID} on ${date} (posted), ${LOADS} loads in fresh contexts`,
    );
    console.log(`warm-up (not counted): ${warmUp.toFixed(0)} ms`);
    console.log(`median ${median.toFixed(0)} ms; loads: ${times.map((t) => t.toFixed(0)).join(", ")} ms`);
    console.log(
      `target: median < ${TARGET_INTERACTIVE_MS} ms: ${median < TARGET_INTERACTIVE_MS ? "met" : "NOT met"}`,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\nthe server printed:\n${stack.output().slice(-4_000)}`);
  } finally {
    await browser?.close();
    await stack.stop();
  }
}

await buildExtension();
bundleSizes();
console.log("");
await timeToInteractive();
