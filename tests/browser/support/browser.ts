// Chromium through playwright-core (the system's Debian chromium, or CHROMIUM_PATH), and what a merchant
// does in the sandbox POS's back office, by roles and visible text as a person sees the page.
import { execFileSync } from "node:child_process";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** CHROMIUM_PATH, else `command -v chromium`. */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  try {
    const found = execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
    if (found) return found;
  } catch {
    // Not on the PATH: the error below says what to do.
  }
  throw new Error("no chromium: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH");
}

const launched = new Set<Browser>();

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ARGS });
  launched.add(browser);
  browser.on("disconnected", () => launched.delete(browser));
  return browser;
}

/** The browsers launched and not yet closed (for showOnFailure.ts). */
export function launchedBrowsers(): Browser[] {
  return [...launched];
}

export const backOfficeUrl = (posUrl: string) => `${posUrl}/sandbox/pos/backoffice`;

/** Installs Daybook as a merchant does: the back office's "Install Daybook", the POS's consent page
 * (Approve, for the merchant it preselects: Demo Coffee), and back to the back office. */
export async function installFromBackOffice(page: Page, posUrl: string, account = "1001"): Promise<void> {
  await page.goto(`${backOfficeUrl(posUrl)}?account=${account}`);
  await page.getByRole("link", { name: "Install Daybook" }).click();
  await page.getByRole("heading", { name: /^Authorize / }).waitFor();
  const consent = page.url();
  await page.getByRole("button", { name: "Approve" }).click();
  // The consent page posts, the POS redirects to the app's callback, which redirects to the back office
  // (or stays, showing why the install failed).
  await page.waitForURL((url) => url.href !== consent, { waitUntil: "load" });
  const landed = new URL(page.url());
  if (!landed.pathname.endsWith("/sandbox/pos/backoffice") || !landed.searchParams.has("installed")) {
    const text = await page.locator("body").innerText();
    throw new Error(`the install ended on ${landed.href} instead of the back office:\n${text}`);
  }
  await page.getByRole("heading", { name: "Sandbox POS back office" }).waitFor();
}

/** Connects QuickBooks Online from the Accounting tab's sync health banner, as a super user does: the
 * button opens the sandbox QuickBooks consent in a window of its own, where the company is picked. */
export async function connectQuickBooks(
  context: BrowserContext,
  posUrl: string,
  options: { account: string; employee: string; company: string; button: string } = {
    account: "1001",
    employee: "1",
    company: "Demo Coffee Books",
    button: "Connect QuickBooks Online",
  },
): Promise<void> {
  const page = await context.newPage();
  await page.goto(
    `${posUrl}/sandbox/pos/backoffice/day?account=${options.account}&employee=${options.employee}`,
  );
  const frame = page.frameLocator('iframe[title="Daybook — Accounting"]');
  const [consent] = await Promise.all([
    context.waitForEvent("page"),
    frame.getByRole("button", { name: options.button }).click(),
  ]);
  await consent.getByRole("heading", { name: "Connect an app to QuickBooks" }).waitFor();
  const company = consent.getByRole("combobox", { name: "Company" });
  const value = await company.locator("option", { hasText: options.company }).getAttribute("value");
  await company.selectOption(value!);
  await consent.getByRole("button", { name: "Connect" }).click();
  await consent.getByText(new RegExp(options.company)).first().waitFor();
  await consent.close();
  await page.close();
}
