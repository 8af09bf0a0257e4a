// The sandbox QuickBooks books page: what was posted, readable by a person, escaped, and the balances.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAPLE_BAKERY_BOOKS } from "../../../../server/sandbox/qbo/companies";
import { BASE, DEMO, type QboSandbox, startQboSandbox } from "./setup";

let sandbox: QboSandbox;
beforeEach(async () => {
  sandbox = await startQboSandbox();
});
afterEach(() => sandbox.close());

const page = async (realmId = DEMO) => {
  const response = await sandbox.app.request(`${BASE}/books?realmId=${realmId}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toContain("text/html");
  return response.text();
};

describe("books page", () => {
  it("shows a posted journal entry with its lines, accounts by name, class, vendor, DocNumber and SyncToken", async () => {
    await sandbox.api("journalentry", {
      body: {
        DocNumber: "DB261120-1-JE",
        TxnDate: "2026-11-20",
        PrivateNote: "Daybook sales journal <b>Queen St</b>",
        Line: [
          {
            Description: "Cash deposit",
            Amount: 113,
            DetailType: "JournalEntryLineDetail",
            JournalEntryLineDetail: {
              PostingType: "Debit",
              AccountRef: { value: "4" },
              ClassRef: { value: "1" },
            },
          },
          {
            Description: "Sales: Espresso drinks",
            Amount: 100,
            DetailType: "JournalEntryLineDetail",
            JournalEntryLineDetail: {
              PostingType: "Credit",
              AccountRef: { value: "17" },
              ClassRef: { value: "1" },
            },
          },
          {
            Description: "Tax: HST",
            Amount: 13,
            DetailType: "JournalEntryLineDetail",
            JournalEntryLineDetail: {
              PostingType: "Credit",
              AccountRef: { value: "11" },
              Entity: { Type: "Vendor", EntityRef: { value: "1" } },
            },
          },
        ],
      },
    });
    const html = await page();
    expect(html).toContain("Demo Coffee Books");
    expect(html).toContain("Journal entries (1)");
    expect(html).toContain("DB261120-1-JE");
    expect(html).toContain("SyncToken 0");
    expect(html).toContain("Undeposited Funds");
    expect(html).toContain("Sales - Espresso drinks");
    expect(html).toContain("Queen St");
    expect(html).toContain("Canada Revenue Agency");
    expect(html).toContain("113.00");
    expect(html).toContain("Daybook sales journal &lt;b&gt;Queen St&lt;/b&gt;");
    expect(html).not.toContain("<b>Queen St</b>");
    expect(html).toContain("Debits equal credits.");
    expect(html).toContain("Sales receipts (0)");
  });

  it("books a sales receipt to the items' income accounts, the tax account and the deposit account", async () => {
    await sandbox.api("salesreceipt", {
      body: {
        DocNumber: "DB261120-1-SR",
        Line: [
          { Amount: 20, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: "3" } } },
        ],
        TxnTaxDetail: {
          TotalTax: 2.6,
          TaxLine: [
            { Amount: 2.6, DetailType: "TaxLineDetail", TaxLineDetail: { TaxRateRef: { value: "1" } } },
          ],
        },
        DepositToAccountRef: { value: "1" },
      },
    });
    const html = await page();
    expect(html).toContain("Pastries → Sales - Pastries");
    expect(html).toContain("Tax HST ON → GST/HST Payable");
    expect(html).toContain("22.60");
    expect(html).toContain("Debits equal credits.");
  });

  it("shows each company's own books and links to the other", async () => {
    const html = await page(MAPLE_BAKERY_BOOKS.realmId);
    expect(html).toContain("Maple Bakery Books");
    expect(html).toContain("None posted.");
    expect(html).toContain(`href="?realmId=${DEMO}"`);
  });
});
