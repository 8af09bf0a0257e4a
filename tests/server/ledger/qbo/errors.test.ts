// How the QuickBooks adapter fails: QuickBooks' refusals become guidance naming the mapped account or
// item; 401 refreshes once, then revokes; 429 waits out Retry-After; 5xx retries, then gives up. The
// sandbox's fault orders make QuickBooks misbehave; the clock moves instead of anyone waiting.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  LedgerAuthError,
  LedgerUnavailableError,
  LedgerValidationError,
} from "../../../../server/ledger/port";
import { MAPLE_BAKERY_BOOKS } from "../../../../server/sandbox/qbo/companies";
import { DEMO, type QboSandbox, startQboSandbox } from "../../sandbox/qbo/setup";
import { DEMO_IDS, journalDocument, journalMapping, receiptDocument, receiptMapping } from "./documents";

let sandbox: QboSandbox;
beforeEach(async () => {
  sandbox = await startQboSandbox();
});
afterEach(() => sandbox.close());

async function refusal(promise: Promise<unknown>): Promise<LedgerValidationError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(LedgerValidationError);
  return error as LedgerValidationError;
}

describe("QuickBooks refusals as guidance", () => {
  it("names the inactive account a line is mapped to", async () => {
    const { client } = await sandbox.qboClient();
    const mapping = journalMapping((m) => (m.sales.byCategory.c1 = { account: DEMO_IDS.inactiveSales }));
    const error = await refusal(
      client.post({ document: journalDocument("journal_entry", mapping), idempotencyKey: "k" }),
    );
    expect(error.target).toEqual({ account: DEMO_IDS.inactiveSales });
    expect(error.message).toBe(
      "QuickBooks refused the journal entry DB261120-store-1-JE: the account Sales - Holiday market (deleted) (32) is inactive. Make it active in QuickBooks or map another account.",
    );
    expect(await sandbox.records("JournalEntry")).toEqual([]);
  });

  it("names an account that is not in the company", async () => {
    const { client } = await sandbox.qboClient();
    const mapping = journalMapping(
      (m) => (m.inventory.all = { inventory: { account: "8" }, cogs: { account: "999" } }),
    );
    const error = await refusal(
      client.post({ document: journalDocument("cogs", mapping), idempotencyKey: "k" }),
    );
    expect(error.target).toEqual({ account: "999" });
    expect(error.message).toContain("the account 999 is not in this QuickBooks company");
  });

  it("names the inactive item of a receipt line", async () => {
    const { client } = await sandbox.qboClient();
    const mapping = receiptMapping("summary_sales_receipt", (m) => (m.sales.all = { item: "14" }));
    const error = await refusal(client.post({ document: receiptDocument(mapping), idempotencyKey: "k" }));
    expect(error.target).toEqual({ item: "14" });
    expect(error.message).toContain("the item Catering (deleted) (14) is inactive");
  });

  it("passes on QuickBooks' own words for other refusals", async () => {
    const { client } = await sandbox.qboClient();
    // Accounts payable needs a vendor, and the example's "Acme Supply" is not one of the company's.
    const mapping = journalMapping(
      (m) => (m.purchaseOrders = { inventory: { account: "8" }, offset: { account: "9" } }),
    );
    const error = await refusal(
      client.post({ document: journalDocument("purchase_orders", mapping), idempotencyKey: "k" }),
    );
    expect(error.message).toBe(
      "QuickBooks refused the journal entry DB261120-store-1-PO: Business Validation Error: When you use Accounts Payable, you must choose a vendor in the Name field. (6000)",
    );
  });

  it("refuses, before calling QuickBooks, what it cannot express", async () => {
    const { client } = await sandbox.qboClient();
    const salesOnAccount = receiptMapping(
      "summary_sales_receipt",
      (m) => (m.sales.byCategory.c1 = { account: "22" }),
    );
    const onAccount = await refusal(
      client.post({ document: receiptDocument(salesOnAccount), idempotencyKey: "k1" }),
    );
    expect(onAccount.target).toEqual({ account: "22" });
    expect(onAccount.message).toContain("Map it to a QuickBooks item");

    const itemInJournal = journalMapping((m) => (m.rounding = { item: "13" }));
    const inJournal = await refusal(
      client.post({ document: journalDocument("journal_entry", itemInJournal), idempotencyKey: "k2" }),
    );
    expect(inJournal.target).toEqual({ item: "13" });

    const combined = receiptMapping("summary_sales_receipt", (m) => {
      m.settings.trackSalesTaxInLedger = true;
      m.taxes = { byTax: { t1: { taxCode: "2" }, t2: { taxCode: "3" } } };
    });
    const tax = await refusal(client.post({ document: receiptDocument(combined), idempotencyKey: "k3" }));
    expect(tax.message).toBe(
      "The tax PST is mapped to the QuickBooks tax code GST/QST QC - 9.975, which has 2 rates (GST, QST). Map it to a tax code with the one rate of PST.",
    );
    expect(sandbox.requests.filter((request) => request.method === "POST")).toEqual([]);
  });
});

describe("transport failures", () => {
  it("refreshes the access token once after a 401 and carries on", async () => {
    const { client, calls } = await sandbox.qboClient();
    sandbox.faults.order({ target: "qbo", fault: "401", count: 1 });
    const posted = await client.post({ document: journalDocument("cogs"), idempotencyKey: "k" });
    expect(posted.syncToken).toBe("0");
    expect(calls).toEqual({ refreshes: 1, revoked: [] });
  });

  it("revokes the connection when the refreshed token is refused too", async () => {
    const { client, calls } = await sandbox.qboClient();
    sandbox.faults.order({ target: "qbo", fault: "401", count: 2 });
    await expect(
      client.post({ document: journalDocument("cogs"), idempotencyKey: "k" }),
    ).rejects.toBeInstanceOf(LedgerAuthError);
    expect(calls.refreshes).toBe(1);
    expect(calls.revoked).toEqual(["QuickBooks refused the refreshed access token"]);
  });

  it("treats a token of another company as a connection to redo", async () => {
    // Tokens granted for Maple Bakery Books, used on Demo Coffee Books.
    const { client } = await sandbox.qboClient(MAPLE_BAKERY_BOOKS.realmId, { realmId: DEMO });
    await expect(client.chart()).rejects.toBeInstanceOf(LedgerAuthError);
  });

  it("waits out a 429's Retry-After, then succeeds", async () => {
    const { client } = await sandbox.qboClient();
    sandbox.faults.order({ target: "qbo", fault: "429", count: 1, delayMs: 7_000 });
    const before = sandbox.time.now();
    await client.post({ document: journalDocument("cogs"), idempotencyKey: "k" });
    expect(sandbox.time.now() - before).toBeGreaterThanOrEqual(7_000);
    expect(sandbox.requests.map((request) => request.status)).toContain(429);
    expect(await sandbox.records("JournalEntry")).toHaveLength(1);
  });

  it("retries a 500 with backoff, then succeeds", async () => {
    const { client } = await sandbox.qboClient();
    sandbox.faults.order({ target: "qbo", fault: "500", count: 2 });
    await client.post({ document: journalDocument("cogs"), idempotencyKey: "k" });
    expect(sandbox.waits).toEqual([500, 1000]);
    expect(await sandbox.records("JournalEntry")).toHaveLength(1);
  });

  it("gives up with LedgerUnavailableError when QuickBooks keeps answering 500", async () => {
    const { client } = await sandbox.qboClient();
    sandbox.faults.order({ target: "qbo", fault: "500", count: 20 });
    await expect(
      client.post({ document: journalDocument("cogs"), idempotencyKey: "k" }),
    ).rejects.toBeInstanceOf(LedgerUnavailableError);
    sandbox.faults.clear();
    expect(await sandbox.records("JournalEntry")).toEqual([]);
  });
});
