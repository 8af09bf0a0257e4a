// Mapping a fresh sandbox account from nothing to active in Chromium, framed by the sandbox POS's
// settings page: Demo Coffee by its English super user, Maple Bakery by its French one. Each picks
// targets from the ledger's chart, previews a real held day, activates, and the held day is then posted
// with the new mapping's accounts.
import type { Browser, BrowserContext, FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, localDate } from "../../shared/time";
import type { StoreView } from "../../shared/api";
import { callApi } from "./support/books";
import { connectQuickBooks, installFromBackOffice, launchBrowser } from "./support/browser";
import { startStack, type Stack } from "./support/stack";

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;

interface Labels {
  target: (name: string) => string;
  tabs: Record<"sales" | "discounts" | "other" | "payments" | "drawer" | "preview", string>;
  save: string;
  activate: string;
  previewButton: string;
  ready: string;
  /** The version line once version 1 is active. */
  activated: string;
  allSales: string;
  allDiscounts: string;
  returns: string;
  giftCards: string;
  tips: string;
  creditAccount: string;
  allCreditCards: string;
  drawer: Record<"deposit" | "cashInDrawer" | "payouts" | "paidIns" | "overShort", string>;
}

const ENGLISH: Labels = {
  target: (name) => `Target of ${name}`,
  tabs: {
    sales: "Sales",
    discounts: "Discounts, returns, offsets",
    other: "Other charges",
    payments: "Payments",
    drawer: "Cash drawer",
    preview: "Preview",
  },
  save: "Save draft",
  activate: "Activate",
  previewButton: "Preview",
  ready: "Ready to post",
  activated: "Active: version 1",
  allSales: "All Sales",
  allDiscounts: "All Discounts",
  returns: "Returns",
  giftCards: "Gift cards sold",
  tips: "Tips",
  creditAccount: "Credit account",
  allCreditCards: "All Credit Cards",
  drawer: {
    deposit: "Cash deposit",
    cashInDrawer: "Cash in drawer",
    payouts: "Payouts",
    paidIns: "Paid-ins",
    overShort: "Cash over/short",
  },
};

const FRENCH: Labels = {
  target: (name) => `Cible de ${name}`,
  tabs: {
    sales: "Ventes",
    discounts: "Remises, retours, compensations",
    other: "Autres frais",
    payments: "Paiements",
    drawer: "Tiroir-caisse",
    preview: "Aperçu",
  },
  save: "Enregistrer le brouillon",
  activate: "Activer",
  previewButton: "Aperçu",
  ready: "Prête à reporter",
  activated: "Active : version 1",
  allSales: "Toutes les ventes",
  allDiscounts: "Toutes les remises",
  returns: "Retours",
  giftCards: "Cartes-cadeaux vendues",
  tips: "Pourboires",
  creditAccount: "Compte client",
  allCreditCards: "Toutes les cartes de crédit",
  drawer: {
    deposit: "Dépôt d'espèces",
    cashInDrawer: "Espèces en caisse",
    payouts: "Décaissements",
    paidIns: "Encaissements divers",
    overShort: "Excédent ou déficit de caisse",
  },
};

/** Picks, in the picker labelled `label`, the chart entry whose label starts with `number`. */
async function pick(frame: FrameLocator, label: string, number: string) {
  const field = frame.getByRole("combobox", { name: label, exact: true });
  await field.click();
  await field.fill(number);
  await frame
    .getByRole("option", { name: new RegExp(`^${number} `) })
    .first()
    .click();
}

/** Every picker of the open tab whose label starts with `prefix` and that is still empty. */
async function pickAllEmpty(frame: FrameLocator, labels: Labels, number: string) {
  const fields = frame.getByRole("combobox", { name: new RegExp(`^${labels.target("")}`) });
  for (let index = 0; index < (await fields.count()); index++) {
    const field = fields.nth(index);
    if ((await field.inputValue()) !== "") continue;
    const label =
      (await field.getAttribute("aria-label")) ??
      (await frame.locator(`label[for="${await field.getAttribute("id")}"]`).innerText());
    await pick(frame, label, number);
  }
}

async function openTab(frame: FrameLocator, name: string) {
  await frame.getByRole("tab", { name, exact: true }).click();
}

/** Maps the account from nothing, through the screens, and activates it. */
async function mapFromNothing(
  merchant: string,
  employee: string,
  labels: Labels,
  accounts: { sales: string; credit: string; paidIns: string },
) {
  await page.goto(
    `${stack.posUrl}/sandbox/pos/backoffice/settings/accounting-mapping?account=${merchant}&employee=${employee}`,
  );
  const frame = page.frameLocator('iframe[title="Daybook — Mapping"]');
  await openTab(frame, labels.tabs.sales);
  await pick(frame, labels.target(labels.allSales), accounts.sales);
  await openTab(frame, labels.tabs.discounts);
  await pick(frame, labels.target(labels.allDiscounts), "4900");
  await pick(frame, labels.target(labels.returns), "4950");
  await openTab(frame, labels.tabs.other);
  await pick(frame, labels.target(labels.giftCards), "2200");
  await pick(frame, labels.target(labels.tips), "2210");
  await pick(frame, labels.target(labels.creditAccount), accounts.credit);
  await pickAllEmpty(frame, labels, "2100"); // the taxes
  await openTab(frame, labels.tabs.payments);
  await pick(frame, labels.target(labels.allCreditCards), "1200");
  await pickAllEmpty(frame, labels, "1200");
  await openTab(frame, labels.tabs.drawer);
  await pick(frame, labels.target(labels.drawer.deposit), "1200");
  await pick(frame, labels.target(labels.drawer.cashInDrawer), "1220");
  await pick(frame, labels.target(labels.drawer.payouts), "6100");
  await pick(frame, labels.target(labels.drawer.paidIns), accounts.paidIns);
  await pick(frame, labels.target(labels.drawer.overShort), "6150");
  await frame.getByRole("button", { name: labels.save, exact: true }).click();

  await openTab(frame, labels.tabs.preview);
  await frame.getByRole("button", { name: labels.previewButton, exact: true }).click();
  await frame.getByText(labels.ready, { exact: true }).first().waitFor();

  await frame.getByRole("button", { name: labels.activate, exact: true }).click();
  await frame.getByText(labels.activated, { exact: true }).waitFor();
}

/** Loads a recent day for the merchant's first store, held while no mapping is active. */
async function loadHeldDay(
  employee: string,
  merchant: string,
  timeZone: string,
): Promise<{ store: StoreView; day: string }> {
  const day = addDays(localDate(Date.now(), timeZone), -2);
  await callApi(stack, employee, "PUT", "/settings", { syncStartDate: addDays(day, -30) }, merchant);
  const { stores } = await callApi<{ stores: StoreView[] }>(
    stack,
    employee,
    "GET",
    "/stores",
    undefined,
    merchant,
  );
  const store = stores.find((candidate) => candidate.posShopId === "1")!;
  await callApi(
    stack,
    employee,
    "POST",
    "/days/load-missing",
    { storeIds: [store.id], from: day, to: day },
    merchant,
  );
  return { store, day };
}

beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe("mapping a fresh account from nothing to active", () => {
  it("in English for Demo Coffee, and the held day then posts with it", async () => {
    await installFromBackOffice(page, stack.posUrl);
    await connectQuickBooks(context, stack.posUrl);
    const { store, day } = await loadHeldDay("1", "1001", "America/Toronto");

    await mapFromNothing("1001", "1", ENGLISH, { sales: "4090", credit: "1230", paidIns: "6110" });
    // Versions are kept and viewable.
    const mappingFrame = page.frameLocator('iframe[title="Daybook — Mapping"]');
    // The list shows version 1 as active once the page has reread the mapping after activating.
    await mappingFrame.getByText("Active", { exact: true }).first().waitFor();
    await mappingFrame.getByRole("button", { name: "View version 1" }).click();
    const version = mappingFrame.getByRole("dialog");
    await version.getByRole("cell", { name: "4090 Sales - Other" }).waitFor();
    await version.getByRole("button", { name: "Close" }).click();

    await page.goto(
      `${stack.posUrl}/sandbox/pos/backoffice/day?account=1001&shop=${store.posShopId}&date=${day}&employee=1`,
    );
    const tab = page.frameLocator('iframe[title="Daybook — Accounting"]');
    await tab.getByText("Generated with mapping version 1.").waitFor();
    await tab.getByRole("button", { name: "Post", exact: true }).click();
    await tab.getByRole("dialog").getByRole("button", { name: "Post", exact: true }).click();
    await tab
      .getByText(/^Posted to QuickBooks Online as \d+/)
      .first()
      .waitFor();
    await tab.getByText("4090 Sales - Other").first().waitFor();
  });

  it("in French for Maple Bakery", async () => {
    await installFromBackOffice(page, stack.posUrl, "2002");
    await connectQuickBooks(context, stack.posUrl, {
      account: "2002",
      employee: "2",
      company: "Maple Bakery Books",
      button: "Connecter QuickBooks Online",
    });
    await loadHeldDay("2", "2002", "America/Halifax");

    await mapFromNothing("2002", "2", FRENCH, { sales: "4000", credit: "1210", paidIns: "6150" });
    const state = await callApi<{ active: { version: number } | null }>(
      stack,
      "2",
      "GET",
      "/mapping",
      undefined,
      "2002",
    );
    expect(state.active?.version).toBe(1);
  });
});
