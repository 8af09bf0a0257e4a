// Installing Daybook from the sandbox POS's back office in Chromium, against the real server: the
// consent page, the app's callback, and the back office listing the webhooks Daybook subscribed.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import manifestJson from "../../app.manifest.json" with { type: "json" };
import { installFromBackOffice, launchBrowser } from "./support/browser";
import { startStack, type Stack } from "./support/stack";

describe("install from the back office", () => {
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it("subscribes Daybook's webhooks, shown in the back office", async () => {
    const { appUrl, posUrl } = stack!;
    await installFromBackOffice(page, posUrl);

    expect(await page.getByText("None: no app listens to this account.").count()).toBe(0);
    const table = page
      .getByRole("heading", { name: "Webhook subscriptions" })
      .locator("xpath=following-sibling::*[1][self::table]");
    const rows = await Promise.all(
      (await table.getByRole("row").all()).map((row) => row.getByRole("cell").allInnerTexts()),
    );
    // Topic and URL of each subscription (the header row has no cells).
    const subscribed = rows.filter((cells) => cells.length > 0).map(([topic, url]) => `${topic} ${url}`);
    const endpoint = `${appUrl}${manifestJson.webhooks.endpoint}`;
    expect(subscribed.sort()).toEqual(
      manifestJson.webhooks.topics.map((topic) => `${topic} ${endpoint}`).sort(),
    );
  });

  it("publishes its manifest at GET /app.manifest.json", async () => {
    const response = await fetch(`${stack!.appUrl}/app.manifest.json`);
    expect(response.status).toBe(200);
    const published = (await response.json()) as typeof manifestJson;
    expect(published.name).toBe("Daybook");
    expect(published.webhooks).toEqual({
      endpoint: `${stack!.appUrl}${manifestJson.webhooks.endpoint}`,
      topics: manifestJson.webhooks.topics,
    });
  });
});
