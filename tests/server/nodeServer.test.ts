// `npm start`'s runtime on a real port: the environment it refuses, the server it starts, and a
// restart over the same database file.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../../server/env";
import { startNodeServer } from "../../server/nodeServer";

const directory = mkdtempSync(join(tmpdir(), "daybook-node-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe("the environment", () => {
  it("names every missing or invalid setting at once when the sandbox is off", () => {
    expect(() => parseEnv({ APP_URL: "not a url", TOKEN_ENCRYPTION_KEY: "short" })).toThrowError(EnvError);
    try {
      parseEnv({ APP_URL: "not a url", TOKEN_ENCRYPTION_KEY: "short" });
    } catch (error) {
      const message = (error as Error).message;
      for (const name of [
        "APP_URL",
        "POS_CLIENT_ID",
        "POS_CLIENT_SECRET",
        "TOKEN_ENCRYPTION_KEY",
        "DATABASE_URL",
      ])
        expect(message).toContain(name);
    }
  });

  it("fills in the sandbox's local settings with SANDBOX=1, and lets a setting override them", () => {
    const env = parseEnv({ SANDBOX: "1", PORT: "9000", DATABASE_URL: "file:/tmp/x.db" });
    expect(env).toMatchObject({
      sandbox: true,
      appUrl: "http://127.0.0.1:9000",
      posOrigin: "http://localhost:9000",
      databaseUrl: "file:/tmp/x.db",
    });
  });
});

describe("the Node server", () => {
  it("serves the app and the sandbox, and starts again over the same database", async () => {
    const port = await freePort();
    const source = {
      SANDBOX: "1",
      PORT: String(port),
      DATABASE_URL: `file:${join(directory, "daybook.db")}`,
    };
    for (let start = 0; start < 2; start++) {
      const server = await startNodeServer(source);
      try {
        expect(await (await fetch(`http://127.0.0.1:${port}/health`)).json()).toEqual({ ok: true });
        const backOffice = await fetch(`http://localhost:${port}/sandbox/pos/backoffice`);
        expect(backOffice.status).toBe(200);
        expect(await backOffice.text()).toContain("Demo Coffee");
        const install = await fetch(`http://127.0.0.1:${port}/install`, { redirect: "manual" });
        expect(install.status).toBe(302);
        expect(install.headers.get("location")).toContain(
          `http://localhost:${port}/sandbox/pos/oauth/authorize`,
        );
      } finally {
        await server.close();
      }
    }
  });
});
