// The sandbox back office's day view and sales totals: the POS frames Daybook with a session token minted
// for the employee the user switcher selects, and speaks shared/embed.ts with the frame (run here in a
// small fake browser), only with the app's origin.
import { runInNewContext } from "node:vm";
import { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sessionTokenVerifier } from "../../../../server/auth/sessionToken";
import type { Deps } from "../../../../server/deps";
import { createDbQueue } from "../../../../server/queue/dbQueue";
import { createSandbox } from "../../../../server/sandbox/index";
import { createSandboxFaults } from "../../../../server/sandbox/faults";
import { createWebhookSender } from "../../../../server/sandbox/pos/webhookSender";
import { subscribeWebhook } from "../../../../server/sandbox/pos/store";
import { createTestDatabase, type TestDatabase } from "../../../support/database";
import { manualClock, testEnv } from "../../../support/installPlatform";

/** Friday 2026-05-15, 14:00 in Toronto, 11:00 in Vancouver. */
const NOW = Date.UTC(2026, 4, 15, 18, 0);
const env = testEnv();
const POS = `${env.posOrigin}/sandbox/pos`;

let database: TestDatabase;
let app: Hono;
let deps: Deps;

beforeEach(async () => {
  database = await createTestDatabase();
  const { clock } = manualClock(NOW);
  const fetchIntoApp: typeof fetch = async (input, init) => app.fetch(new Request(input, init));
  deps = {
    env,
    db: database.db,
    queue: createDbQueue({ db: database.db, clock }),
    clock,
    fetch: fetchIntoApp,
  };
  const sender = createWebhookSender({
    fetch: async () => new Response("ok"),
    clock,
    clientSecret: env.posClientSecret,
  });
  app = new Hono().route("/sandbox", createSandbox(deps, { sender, faults: createSandboxFaults() }));
});
afterEach(() => database.close());

/** What the app's install leaves in the POS: webhook subscriptions for the account. */
async function install(account = "1001") {
  await subscribeWebhook(database.db, account, "sale.voided", `${env.appUrl}/webhooks/pos`, "2026-05-01");
}

async function page(path: string) {
  const response = await app.request(`${POS}${path}`);
  return { status: response.status, text: await response.text() };
}

const unescape = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

function frameOf(text: string) {
  const iframe = /<iframe\b[^>]*>/.exec(text)?.[0];
  if (!iframe) throw new Error("no iframe on the page");
  const attribute = (name: string) => {
    const value = new RegExp(`\\s${name}="([^"]*)"`).exec(iframe)?.[1];
    return value === undefined ? undefined : unescape(value);
  };
  const src = new URL(attribute("src") ?? "");
  return {
    src,
    title: attribute("title"),
    style: attribute("style"),
    token: src.searchParams.get("id_token"),
  };
}

function switcherOf(text: string) {
  const select = /<select id="employee"[^]*?<\/select>/.exec(text)?.[0] ?? "";
  return [...select.matchAll(/<option value="([^"]*)"\s*(selected)?\s*>\s*([^<]*?)\s*<\/option>/g)].map(
    ([, value, selected, label]) => ({
      value,
      selected: selected !== undefined,
      label: unescape(label ?? ""),
    }),
  );
}

const verify = (token: string | null) => sessionTokenVerifier(deps)(token ?? "");

describe("GET /sandbox/pos/backoffice/day", () => {
  it("frames the Accounting tab for the first shop, yesterday and the first super user by default", async () => {
    await install();
    const { status, text } = await page("/backoffice/day?account=1001");
    expect(status).toBe(200);
    expect(switcherOf(text)).toEqual([
      { value: "1", selected: true, label: "Sam Rivera — super user — English" },
      { value: "2", selected: false, label: "Marie Tremblay — manager — français" },
      { value: "3", selected: false, label: "Casey Chen — cashier — English" },
      { value: "4", selected: false, label: "Julien Roy — super user — français" },
    ]);
    expect(text).toContain("Demo Coffee Queen St");
    const frame = frameOf(text);
    expect(frame.src.origin).toBe(new URL(env.appUrl).origin);
    expect(frame.src.pathname).toBe("/app/day/1/2026-05-14");
    expect(frame.src.search).toMatch(/^\?id_token=[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(frame.title).toBe("Daybook — Accounting");
    expect(frame.style).toMatch(/min-height:\s*\d+px/);
    expect(await verify(frame.token)).toMatchObject({
      acct: "1001",
      sub: "1",
      role: "super_user",
      locale: "en-CA",
      name: "Sam Rivera",
    });
  });

  it("mints the token for the employee the switcher selects", async () => {
    await install();
    const expected = [
      ["2", "manager", "fr-CA"],
      ["3", "cashier", "en-CA"],
      ["4", "super_user", "fr-CA"],
    ];
    for (const [employee, role, locale] of expected) {
      const { text } = await page(`/backoffice/day?account=1001&employee=${employee}`);
      expect(switcherOf(text).find((option) => option.selected)?.value).toBe(employee);
      expect(await verify(frameOf(text).token)).toMatchObject({ sub: employee, role, locale });
    }
  });

  it("frames the chosen shop and date, with the previous and next days one click away", async () => {
    await install();
    const { text } = await page("/backoffice/day?account=1001&shop=3&date=2026-05-01&employee=2");
    expect(frameOf(text).src.pathname).toBe("/app/day/3/2026-05-01");
    expect(text).toMatch(/<option value="3"\s+selected\s*>\s*Demo Coffee Gastown/);
    expect(unescape(text)).toContain(
      `href="/sandbox/pos/backoffice/day?account=1001&shop=3&date=2026-04-30&employee=2&tab=accounting"`,
    );
    expect(unescape(text)).toContain(
      `href="/sandbox/pos/backoffice/day?account=1001&shop=3&date=2026-05-02&employee=2&tab=accounting"`,
    );
    // Yesterday is the shop's: still 2026-05-14 in Vancouver.
    expect(frameOf((await page("/backoffice/day?account=1001&shop=3")).text).src.pathname).toBe(
      "/app/day/3/2026-05-14",
    );
  });

  it("offers Install Daybook instead of the frame while the account has not installed it", async () => {
    const { status, text } = await page("/backoffice/day?account=2002");
    expect(status).toBe(200);
    expect(text).not.toContain("<iframe");
    expect(unescape(text)).toContain(`<a href="${env.appUrl}/install?account=2002">Install Daybook</a>`);
    expect(switcherOf(text)).toEqual([
      { value: "1", selected: true, label: "Olivia Park — super user — English" },
      { value: "2", selected: false, label: "Léa Gagnon — super user — français" },
    ]);
  });

  it("answers 404 naming the unknown account, shop or employee, and 400 naming a bad date or tab", async () => {
    const cases: [string, number, RegExp][] = [
      ["account=9999", 404, /Unknown account: "9999"/],
      ["account=1001&shop=42", 404, /Unknown shop: "42" is not a shop of Demo Coffee/],
      ["account=1001&employee=99", 404, /Unknown employee: "99" is not an employee of Demo Coffee/],
      ["account=2002&employee=9", 404, /Unknown employee: "9" is not an employee of Maple Bakery/],
      ["account=1001&date=2026-02-30", 400, /date must be a calendar date as YYYY-MM-DD/],
      ["account=1001&date=yesterday", 400, /date must be .*yesterday/],
      ["account=1001&tab=ledger", 400, /tab must be/],
    ];
    for (const [search, status, message] of cases) {
      const response = await page(`/backoffice/day?${search}`);
      expect(response.status, search).toBe(status);
      expect(unescape(response.text), search).toMatch(message);
    }
    const unknown = await page("/backoffice/reports/sales-totals?account=1001&employee=7");
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain("Unknown employee");
  });

  it("lists the day's sales with Void, which comes back to the day view", async () => {
    await install();
    const view = "/backoffice/day?account=1001&shop=1&date=2026-05-14&employee=2&tab=sales";
    const { text } = await page(view);
    expect(text).not.toContain("<iframe");
    const saleIDs = [...text.matchAll(/name="saleID" value="(\d+)"/g)].map((match) => match[1]!);
    expect(saleIDs.length).toBeGreaterThan(10);
    expect(text).not.toContain("Close register"); // not today
    const back = unescape(/name="back"\s+value="([^"]*)"/.exec(text)?.[1] ?? "");
    expect(back).toBe("day?account=1001&shop=1&date=2026-05-14&employee=2&tab=sales");

    const voided = await app.request(`${POS}/backoffice/void`, {
      method: "POST",
      body: new URLSearchParams({ account: "1001", saleID: saleIDs[0]!, back }),
    });
    expect(voided.status).toBe(303);
    const location = voided.headers.get("Location") ?? "";
    expect(location).toMatch(/^\/sandbox\/pos\/backoffice\/day\?account=1001&shop=1&date=2026-05-14/);
    expect(location).toContain("&notice=");
    const after = await app.request(`${env.posOrigin}${location}`);
    const afterText = await after.text();
    expect(afterText).toContain(`Sale ${saleIDs[0]} voided.`);
    expect(afterText).not.toContain(`name="saleID" value="${saleIDs[0]}"`);

    // A `back` that is not the day view goes to the main page, never elsewhere.
    const elsewhere = await app.request(`${POS}/backoffice/void`, {
      method: "POST",
      body: new URLSearchParams({ account: "1001", saleID: saleIDs[1]!, back: "//evil.test/day?x" }),
    });
    expect(elsewhere.headers.get("Location")).toMatch(/^\/sandbox\/pos\/backoffice\?account=1001&notice=/);
  });

  it("closes today's open registers from the Sales tab", async () => {
    await install();
    const { text } = await page("/backoffice/day?account=1001&shop=1&date=2026-05-15&tab=sales");
    expect(text).toContain("Close register");
    const closed = await app.request(`${POS}/backoffice/close-register`, {
      method: "POST",
      body: new URLSearchParams({
        account: "1001",
        shopID: "1",
        registerID: "1",
        back: "day?account=1001&shop=1&date=2026-05-15&employee=1&tab=sales",
      }),
    });
    const location = closed.headers.get("Location") ?? "";
    expect(location).toMatch(/^\/sandbox\/pos\/backoffice\/day\?/);
    const after = await (await app.request(`${env.posOrigin}${location}`)).text();
    expect(after).toContain("Register 1 closed.");
    expect(after).toMatch(/closed at \d\d:\d\d/);
  });

  it("escapes what it shows", async () => {
    await install();
    await app.request(`${POS}/backoffice/open-location`, {
      method: "POST",
      body: new URLSearchParams({ account: "1001", name: "<b>Pop-up</b>", province: "QC" }),
    });
    const { text } = await page("/backoffice/day?account=1001");
    expect(text).toContain("&lt;b&gt;Pop-up&lt;/b&gt;");
    expect(text).not.toContain("<b>Pop-up</b>");
    const notice = await page(
      `/backoffice/day?account=1001&notice=${encodeURIComponent("<script>x</script>")}`,
    );
    expect(notice.text).toContain("&lt;script&gt;x&lt;/script&gt;");
  });
});

describe("GET /sandbox/pos/backoffice/reports/sales-totals", () => {
  it("frames the app's sales totals for the selected employee", async () => {
    await install();
    const { status, text } = await page("/backoffice/reports/sales-totals?account=1001&employee=2");
    expect(status).toBe(200);
    expect(text).toContain("Sales totals");
    expect(switcherOf(text).find((option) => option.selected)?.label).toBe(
      "Marie Tremblay — manager — français",
    );
    const frame = frameOf(text);
    expect(`${frame.src.origin}${frame.src.pathname}`).toBe(`${env.appUrl}/app/days`);
    expect(frame.title).toBe("Daybook — Sales totals");
    expect(await verify(frame.token)).toMatchObject({ acct: "1001", sub: "2", role: "manager" });
  });
});

describe("the main back office page", () => {
  it("links each shop's day view and the sales totals", async () => {
    const text = unescape(await (await app.request(`${POS}/backoffice?account=1001`)).text());
    for (const shop of ["1", "2", "3"])
      expect(text).toContain(
        `href="/sandbox/pos/backoffice/day?account=1001&shop=${shop}">Open day view</a>`,
      );
    expect(text).toContain(
      `href="/sandbox/pos/backoffice/reports/sales-totals?account=1001">Sales totals</a>`,
    );
    expect(text).toContain(`href="${env.appUrl}/install`);
  });
});

// The page's inline script in a fake browser: a window with listeners, the frame, and fetch into the app.
interface Posted {
  message: unknown;
  targetOrigin: string;
}

function scriptOf(text: string): string {
  const scripts = [...text.matchAll(/<script>([^]*?)<\/script>/g)].map((match) => match[1]!);
  expect(scripts).toHaveLength(1);
  return scripts[0]!;
}

function fakeBrowser(script: string) {
  const posted: Posted[] = [];
  const requests: { url: string; init: RequestInit }[] = [];
  const frameWindow = {
    postMessage: (message: unknown, targetOrigin: string) => posted.push({ message, targetOrigin }),
  };
  const frame = { contentWindow: frameWindow };
  const listeners: ((event: unknown) => unknown)[] = [];
  const context = {
    window: {
      addEventListener: (type: string, listener: (event: unknown) => unknown) => {
        if (type === "message") listeners.push(listener);
      },
    },
    document: { getElementById: (id: string) => (id === "daybook-frame" ? frame : null) },
    fetch: async (url: string, init: RequestInit) => {
      requests.push({ url, init });
      return app.request(`${env.posOrigin}${url}`, init);
    },
    JSON,
    Math,
    Number,
    console,
  };
  runInNewContext(script, context);
  const dispatch = async (event: { origin: string; source: unknown; data: unknown }) => {
    await Promise.all(listeners.map((listener) => listener(event)));
  };
  return { posted, requests, frame, frameWindow, dispatch };
}

describe("the POS side of shared/embed.ts", () => {
  it("posts only to the app's origin, never to '*'", async () => {
    await install();
    for (const path of ["/backoffice/day?account=1001", "/backoffice/reports/sales-totals?account=1001"]) {
      const script = scriptOf((await page(path)).text);
      expect(script).not.toMatch(/["']\*["']/);
      expect(script).toContain(`"appOrigin":"${new URL(env.appUrl).origin}"`);
      expect(script).toMatch(/event\.origin !== config\.appOrigin/);
      expect(script).toMatch(/event\.source !== frame\.contentWindow/);
      expect(script).not.toContain("</");
    }
  });

  it("answers a token request from the frame with a fresh token for the selected employee", async () => {
    await install();
    const browser = fakeBrowser(scriptOf((await page("/backoffice/day?account=1001&employee=3")).text));
    await browser.dispatch({
      origin: new URL(env.appUrl).origin,
      source: browser.frameWindow,
      data: { type: "daybook:token-request", requestId: "r-1" },
    });
    expect(browser.requests).toHaveLength(1);
    expect(browser.requests[0]!.url).toBe("/sandbox/pos/session-token");
    expect(browser.requests[0]!.init.method).toBe("POST");
    expect(JSON.parse(String(browser.requests[0]!.init.body))).toEqual({
      accountId: "1001",
      employeeId: "3",
    });
    expect(browser.posted).toHaveLength(1);
    const [{ message, targetOrigin }] = browser.posted as [Posted];
    expect(targetOrigin).toBe(new URL(env.appUrl).origin);
    expect(message).toMatchObject({ type: "daybook:token", requestId: "r-1" });
    const token = (message as { token: string }).token;
    expect(await verify(token)).toMatchObject({ acct: "1001", sub: "3", role: "cashier" });
  });

  it("ignores messages from another origin, another window, or of another shape", async () => {
    await install();
    const browser = fakeBrowser(scriptOf((await page("/backoffice/day?account=1001")).text));
    const request = { type: "daybook:token-request", requestId: "r-2" };
    await browser.dispatch({ origin: "http://evil.test", source: browser.frameWindow, data: request });
    await browser.dispatch({ origin: env.posOrigin, source: browser.frameWindow, data: request });
    await browser.dispatch({ origin: new URL(env.appUrl).origin, source: {}, data: request });
    await browser.dispatch({ origin: new URL(env.appUrl).origin, source: null, data: request });
    await browser.dispatch({
      origin: new URL(env.appUrl).origin,
      source: browser.frameWindow,
      data: "hello",
    });
    await browser.dispatch({
      origin: new URL(env.appUrl).origin,
      source: browser.frameWindow,
      data: { type: "daybook:token-request", requestId: 5 },
    });
    await browser.dispatch({
      origin: "http://evil.test",
      source: browser.frameWindow,
      data: { type: "daybook:token-request", requestId: "r-evil" },
    });
    expect(browser.requests).toEqual([]);
    expect(browser.posted).toEqual([]);
  });
});
