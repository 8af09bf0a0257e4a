// The Accounting tab as a merchant uses it in Chromium, framed by the sandbox POS's day view from the
// other origin, against the real server (npm start's stack): connect QuickBooks, reload and post a day
// and find it in the sandbox ledger; void a sale, see the day become Update pending, post again and
// find the same ledger object updated; French for a French user; no actions for a cashier; the
// frame refused to any other site; Sales totals, with the session token renewed by the POS.
import type { Browser, BrowserContext, FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, localDate } from "../../shared/time";
import {
  activateSandboxMapping,
  callApi,
  CASEY_CASHIER,
  MARIE_MANAGER_FR,
  SAM_SUPER_USER,
  sessionToken,
} from "./support/books";
import { connectQuickBooks, installFromBackOffice, launchBrowser } from "./support/browser";
import { startStack, type Stack } from "./support/stack";

const QBO_BOOKS = "/sandbox/qbo/books?realmId=9341450000001001";
const STORE = "Demo Coffee Queen St";

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let day: string;

function dayView(employeeId: string, tab: "accounting" | "sales" = "accounting") {
  return `${stack.posUrl}/sandbox/pos/backoffice/day?account=1001&shop=1&date=${day}&employee=${employeeId}&tab=${tab}`;
}

async function openTab(employeeId: string): Promise<FrameLocator> {
  await page.goto(dayView(employeeId));
  const frame = page.frameLocator('iframe[title="Daybook — Accounting"]');
  await frame.getByRole("heading", { level: 1 }).waitFor();
  return frame;
}

/** Clicks an action, confirms it in its dialog, and waits for the toast that says it is done. */
async function runAction(frame: FrameLocator, label: string, done: RegExp) {
  await frame.getByRole("button", { name: label, exact: true }).click();
  const dialog = frame.getByRole("dialog");
  await dialog.getByRole("button", { name: label, exact: true }).click();
  await frame.getByText(done).first().waitFor({ timeout: 30_000 });
}

async function bookText(): Promise<string> {
  const books = await context.newPage();
  await books.goto(`${stack.posUrl}${QBO_BOOKS}`);
  const text = await books.locator("body").innerText();
  await books.close();
  return text;
}

beforeAll(async () => {
  stack = await startStack({ env: { VOID_RELOAD_DELAY_SECONDS: "1" } });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  page = await context.newPage();
  await installFromBackOffice(page, stack.posUrl);
  day = addDays(localDate(Date.now(), "America/Toronto"), -2);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe("the Accounting tab in the POS day view", () => {
  it("connects QuickBooks Online from the tab's sync health banner", async () => {
    const frame = await openTab(SAM_SUPER_USER);
    await frame.getByText("Daybook is not posting to your books yet").waitFor();
    await frame.getByText("No accounting software is connected.").waitFor();
    await connectQuickBooks(context, stack.posUrl);

    // The mapping screens are issue 7's: activate a covering mapping, and open the sync to recent dates.
    await activateSandboxMapping(stack);
    await callApi(stack, SAM_SUPER_USER, "PUT", "/settings", { syncStartDate: addDays(day, -30) });
    const reopened = await openTab(SAM_SUPER_USER);
    await reopened.getByText("Missing").first().waitFor();
    expect(await reopened.getByText("Daybook is not posting to your books yet").count()).toBe(0);
  });

  it("reloads a day, shows its documents beside the POS totals, posts it, and the ledger has it", async () => {
    const frame = await openTab(SAM_SUPER_USER);
    await runAction(frame, "Reload", /reloaded$/);
    await frame.getByText("Queued", { exact: true }).waitFor();
    await frame.getByText(/^Will be posted /).waitFor();
    await frame.getByRole("heading", { name: "Sales journal entry" }).waitFor();
    // Every compared total agrees with the POS.
    await expect.poll(() => frame.getByText("Matches", { exact: true }).count()).toBe(5);
    expect(await frame.getByText("Differs", { exact: true }).count()).toBe(0);

    await runAction(frame, "Post", /posted$/);
    await frame.getByText("Posted", { exact: true }).first().waitFor();
    await frame
      .getByText(/^Posted to QuickBooks Online as \d+/)
      .first()
      .waitFor();
    // Posted and unchanged: Post is refused, with the reason beside it.
    expect(await frame.getByRole("button", { name: "Post", exact: true }).isDisabled()).toBe(true);
    await frame.getByText(/Post is not available: this day is posted and nothing changed since/).waitFor();

    const books = await bookText();
    const memo = `Daybook sales journal, ${STORE}, ${day}`;
    expect(books.split(memo).length - 1).toBe(1);
  });

  it("turns to Update pending when a sale is voided, and Post updates the same ledger object", async () => {
    await page.goto(dayView(SAM_SUPER_USER, "sales"));
    await page.getByRole("button", { name: "Void" }).first().click();
    await page.waitForLoadState("load");

    const frame = await openTab(SAM_SUPER_USER);
    await expect
      .poll(
        async () => {
          await page.reload();
          return frame.getByText("Update pending", { exact: true }).count();
        },
        // The void's webhook, its coalescing delay, then the reload within the POS's rate limit.
        { timeout: 90_000, interval: 1_000 },
      )
      .toBeGreaterThan(0);
    await frame
      .getByText(/^Changed since it was posted: the next post updates it in QuickBooks Online/)
      .first()
      .waitFor();

    await runAction(frame, "Post", /posted$/);
    await frame.getByText("Posted", { exact: true }).first().waitFor();
    const books = await bookText();
    const memo = `Daybook sales journal, ${STORE}, ${day}`;
    expect(books.split(memo).length - 1).toBe(1);
    expect(books).toMatch(/SyncToken 1/);
  });

  it("speaks French to a French-speaking manager, with dates and money in fr-CA", async () => {
    const frame = await openTab(MARIE_MANAGER_FR);
    await frame.getByRole("heading", { name: "Comptabilité" }).waitFor();
    for (const label of ["Actualiser", "Régénérer", "Reporter"])
      await frame.getByRole("button", { name: label, exact: true }).waitFor();
    await frame.getByText("Reportée", { exact: true }).first().waitFor();
    await frame.getByText("Totaux du PDV et pièces").waitFor();
    const text = await frame.locator("body").innerText();
    expect(text).toMatch(/\d,\d{2}\s\$/);
    expect(text).not.toMatch(/\bReload\b|\bPosted\b/);
  });

  it("lets a keyboard reach the actions and leave their confirmation", async () => {
    const frame = await openTab(SAM_SUPER_USER);
    const reload = frame.getByRole("button", { name: "Reload", exact: true });
    await reload.focus();
    await page.keyboard.press("Enter");
    const dialog = frame.getByRole("dialog");
    await dialog.getByText(/^Pull this day again from the POS/).waitFor();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await frame.getByText("Posted", { exact: true }).count()).toBeGreaterThan(0);
  });

  it("shows a cashier the day without the actions they may not take", async () => {
    const frame = await openTab(CASEY_CASHIER);
    await frame.getByText(/^You can view this day\./).waitFor();
    for (const label of ["Reload", "Regenerate", "Post"])
      expect(await frame.getByRole("button", { name: label, exact: true }).count()).toBe(0);
    await frame.getByRole("heading", { name: "Sales journal entry" }).waitFor();

    // The mapping, read-only: its pickers disabled and nothing to save or activate.
    await page.goto(
      `${stack.posUrl}/sandbox/pos/backoffice/settings/accounting-mapping?account=1001&employee=${CASEY_CASHIER}`,
    );
    const mapping = page.frameLocator('iframe[title="Daybook — Mapping"]');
    await mapping.getByRole("tab", { name: "Sales", exact: true }).click();
    await expect
      .poll(() => mapping.getByRole("combobox", { name: "Target of All Sales" }).isDisabled())
      .toBe(true);
    for (const label of ["Save draft", "Activate"])
      expect(await mapping.getByRole("button", { name: label, exact: true }).count()).toBe(0);
  });

  it("lists the day in Sales totals, with the session token renewed by the POS", async () => {
    await page.goto(
      `${stack.posUrl}/sandbox/pos/backoffice/reports/sales-totals?account=1001&employee=${SAM_SUPER_USER}`,
    );
    // A first token that no longer works: the extension must ask the POS frame for a fresh one.
    await page.evaluate((url) => {
      document.querySelector<HTMLIFrameElement>("iframe")!.src = url;
    }, `${stack.appUrl}/app/days?id_token=expired`);
    const frame = page.frameLocator("iframe");
    await frame.getByRole("heading", { name: "Sales totals" }).waitFor();
    const shown = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }).format(
      Date.parse(`${day}T12:00:00Z`),
    );
    const link = frame.getByRole("link", { name: new RegExp(`^Open ${STORE}, `) }).filter({ hasText: shown });
    await link.waitFor();
    await link.click();
    await frame.getByRole("heading", { name: "Accounting" }).waitFor();
    await frame.getByText(`${STORE} · `, { exact: false }).first().waitFor();
  });

  it("refuses to render inside any other site's page", async () => {
    const token = await sessionToken(stack, SAM_SUPER_USER);
    const foreign = await context.newPage();
    await foreign.route("http://foreign.example/**", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><title>Not the POS</title><iframe title="stolen" src="${stack.appUrl}/app/days?id_token=${token}"></iframe>`,
      }),
    );
    await foreign.goto("http://foreign.example/", { waitUntil: "load" });
    // Chromium refuses the frame (frame-ancestors): it shows its error page instead of the app.
    const frame = foreign.frames().find((candidate) => candidate !== foreign.mainFrame());
    expect(frame).toBeDefined();
    expect(frame!.url()).not.toContain("/app/days");
    expect(await foreign.frameLocator('iframe[title="stolen"]').getByText("Sales totals").count()).toBe(0);
    await foreign.close();
  });
});
