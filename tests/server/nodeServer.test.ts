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

  /** Every required setting, valid, without the sandbox. */
  const production = {
    APP_URL: "https://daybook.example.com",
    POS_ORIGIN: "https://pos.example.com",
    POS_ADMIN_URL: "https://pos.example.com/admin",
    POS_AUTH_URL: "https://pos.example.com/oauth",
    POS_API_URL: "https://api.pos.example.com/API/V3",
    POS_CLIENT_ID: "daybook",
    POS_CLIENT_SECRET: "production-client-secret-0123456789",
    TOKEN_ENCRYPTION_KEY: "c2FuZGJveC1lbmNyeXB0aW9uLWtleS0zMi1ieXRlcyE=",
    COOKIE_SECRET: "production-cookie-secret-0123456789",
    DATABASE_URL: "libsql://daybook.example.turso.io",
  };
  const mail = {
    MAIL_API_URL: "https://api.resend.com/",
    MAIL_API_KEY: "re_production_key",
    MAIL_FROM: "Daybook <jobs@daybook.example.com>",
  };

  it("offers no email provider without MAIL_*, and the provider with all three", () => {
    expect(parseEnv(production).mail).toBeUndefined();
    expect(parseEnv({ ...production, ...mail }).mail).toEqual({
      apiUrl: "https://api.resend.com",
      apiKey: "re_production_key",
      from: "Daybook <jobs@daybook.example.com>",
    });
    expect(parseEnv({ ...production, ...mail, MAIL_FROM: "jobs@daybook.example.com" }).mail?.from).toBe(
      "jobs@daybook.example.com",
    );
  });

  it("names the missing MAIL_ settings when only some are given", () => {
    const { MAIL_API_URL } = mail;
    expect(() => parseEnv({ ...production, MAIL_API_URL })).toThrowError(EnvError);
    try {
      parseEnv({ ...production, MAIL_API_URL });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain("MAIL_API_KEY: required with the other MAIL_ settings");
      expect(message).toContain("MAIL_FROM: required with the other MAIL_ settings");
      expect(message).not.toContain("MAIL_API_URL:");
    }
  });

  it("refuses a MAIL_FROM that is not an email address, and a MAIL_API_URL that is not a URL", () => {
    for (const [name, value] of [
      ["MAIL_FROM", "Daybook"],
      ["MAIL_FROM", "Daybook <jobs>"],
      ["MAIL_API_URL", "api.resend.com"],
    ] as const)
      expect(() => parseEnv({ ...production, ...mail, [name]: value })).toThrowError(`${name}:`);
  });

  it("points the sandbox's email settings at the sandbox provider", () => {
    expect(parseEnv({ SANDBOX: "1", PORT: "9000" }).mail).toEqual({
      apiUrl: "http://localhost:9000/sandbox/mail",
      apiKey: expect.any(String),
      from: "Daybook <jobs@daybook.test>",
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
        // The deps' mailer reaches the sandbox provider; its key makes one email across the restart.
        await server.deps.mailer?.send({
          to: "owner@demo-coffee.test",
          subject: "Sandbox check",
          text: "Hello from the node server test.",
          idempotencyKey: "node-server-test",
        });
        const outbox = await fetch(`http://localhost:${port}/sandbox/mail/outbox.json`);
        expect(((await outbox.json()) as { emails: { subject: string }[] }).emails).toEqual([
          expect.objectContaining({ subject: "Sandbox check" }),
        ]);
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
