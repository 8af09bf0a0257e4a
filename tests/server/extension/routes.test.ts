// The extension's pages under /app: index.html for every page path with the POS origin written in,
// hashed assets cached for good, nothing outside the build served, and framing by the POS origin only.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app";
import { diskAssets } from "../../../server/extension/diskAssets";
import { createTestDatabase } from "../../support/database";
import { manualClock, testEnv } from "../../support/installPlatform";

const INDEX = `<!doctype html><html><head><title>Daybook</title></head><body><div id="root"></div></body></html>`;
let root: string;
let build: string;
let app: ReturnType<typeof createApp>;
let unbuilt: ReturnType<typeof createApp>;
const env = testEnv();

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "daybook-extension-"));
  build = join(root, "dist");
  mkdirSync(join(build, "assets"), { recursive: true });
  writeFileSync(join(build, "index.html"), INDEX);
  writeFileSync(join(build, "assets", "main-abc123.js"), "console.log('daybook')");
  writeFileSync(join(root, "secret.txt"), "not for the web");
  const { db } = await createTestDatabase();
  const deps = { env, db, queue: { send: async () => {} }, clock: manualClock(0).clock, fetch };
  app = createApp(deps as never, { extension: diskAssets(build) });
  unbuilt = createApp(deps as never);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("the extension's pages", () => {
  it("answer every page path with index.html, the POS origin written in, framed by the POS only", async () => {
    for (const path of ["/app/days", "/app/day/1/2026-11-20", "/app/scheduler"]) {
      const response = await app.request(`${path}?id_token=abc`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain(`<meta name="daybook:pos-origin" content="${env.posOrigin}"></head>`);
      const policy = response.headers.get("content-security-policy") ?? "";
      expect(policy).toContain(`frame-ancestors ${env.posOrigin}`);
      expect(policy).not.toMatch(/frame-ancestors[^;]*\*/);
      expect(response.headers.get("x-frame-options")).toBeNull();
      // The token in the query must not travel on as a Referer, nor be cached.
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("send /app to Sales totals with the query kept", async () => {
    const response = await app.request("/app?id_token=abc");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/app/days?id_token=abc");
  });

  it("serve hashed assets with their type, cached for good, and nothing outside the build", async () => {
    const script = await app.request("/app/assets/main-abc123.js");
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/javascript/);
    expect(script.headers.get("cache-control")).toContain("immutable");
    expect(await script.text()).toContain("daybook");
    for (const path of [
      "/app/assets/missing.js",
      "/app/assets/../../secret.txt",
      "/app/assets/%2e%2e/%2e%2e/secret.txt",
    ])
      expect((await app.request(path)).status).toBe(404);
  });

  it("say so when the extension is not built", async () => {
    const response = await unbuilt.request("/app/days");
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("npm run build:extension");
  });

  it("other pages refuse to be framed at all", async () => {
    const response = await app.request("/install");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });
});
