// The QuickBooks Online adapter against the sandbox company Demo Coffee Books: the chart, each document
// kind posted as its native objects (checked in the company's books), updates in place, exactly once
// across crashes and reverts.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AccountingDocument } from "../../../../shared/engine/types";
import { Decimal, sum, ZERO } from "../../../../shared/money";
import type { PostedDocument } from "../../../../server/ledger/port";
import type { TransactionEntity } from "../../../../server/sandbox/qbo/books";
import { postingsOf } from "../../../../server/sandbox/qbo/booksPage";
import { DEMO_COFFEE_BOOKS, type QboObject } from "../../../../server/sandbox/qbo/companies";
import { cash, day, item, sale, visa } from "../../../support/days";
import { exampleDay } from "../../../support/examples";
import { type QboSandbox, startQboSandbox } from "../../sandbox/qbo/setup";
import {
  DEMO_IDS,
  journalDocument,
  journalMapping,
  receiptDocument,
  receiptMapping,
  refundDay,
  trackedTaxes,
} from "./documents";

let sandbox: QboSandbox;
beforeEach(async () => {
  sandbox = await startQboSandbox();
});
afterEach(() => sandbox.close());

const ENTITIES: TransactionEntity[] = ["JournalEntry", "SalesReceipt", "RefundReceipt"];

async function objects(entity: TransactionEntity) {
  return (await sandbox.records(entity)) as QboObject[];
}

/** What every posted object did to each account (positive debit), from the company's books. */
async function balances(): Promise<Map<string, string>> {
  const totals = new Map<string, Decimal>();
  for (const entity of ENTITIES)
    for (const object of await objects(entity))
      for (const posting of postingsOf(DEMO_COFFEE_BOOKS, entity, object))
        totals.set(posting.account, (totals.get(posting.account) ?? ZERO).plus(posting.amount));
  expect(sum(totals.values()).toFixed(2)).toBe("0.00");
  return new Map(
    [...totals].filter(([, amount]) => !amount.isZero()).map(([id, amount]) => [id, amount.toFixed(2)]),
  );
}

const existingOf = (posted: PostedDocument) => ({
  ledgerId: posted.ledgerId,
  syncToken: posted.syncToken ?? null,
});

describe("chart", () => {
  it("reads accounts with their types, items, tax codes with their rates, classes and vendors, page by page", async () => {
    const { client } = await sandbox.qboClient(undefined, { pageSize: 10 });
    const chart = await client.chart();

    expect(chart.accounts).toHaveLength(DEMO_COFFEE_BOOKS.accounts.length);
    expect(chart.accounts.find((account) => account.id === "4")).toEqual({
      id: "4",
      name: "Undeposited Funds",
      active: true,
      type: "Other Current Asset",
      subtype: "UndepositedFunds",
      code: "1200",
    });
    expect(chart.accounts.find((account) => account.id === "3")?.type).toBe("Accounts Receivable");
    expect(chart.accounts.find((account) => account.id === "32")?.active).toBe(false);
    expect(chart.items.find((entry) => entry.id === "14")).toEqual({
      id: "14",
      name: "Catering (deleted)",
      active: false,
    });
    expect(chart.taxCodes.find((code) => code.id === "5")).toEqual({
      id: "5",
      name: "GST/PST BC",
      active: true,
      rate: "12",
    });
    expect(chart.taxCodes.find((code) => code.id === "3")?.rate).toBe("14.975");
    expect(chart.classes.map((entry) => entry.name)).toEqual(["Queen St", "Plateau", "Gastown"]);
    expect(chart.vendors.find((vendor) => vendor.id === "1")?.name).toBe("Canada Revenue Agency");

    // 32 accounts, 10 a page: four queries, each asking for inactive entries too, each on minor version 75.
    const accountQueries = sandbox.requests
      .map((request) => request.url.searchParams)
      .filter((params) => params.get("query")?.startsWith("select * from Account"));
    expect(accountQueries.map((params) => params.get("query"))).toEqual(
      [1, 11, 21, 31].map(
        (start) => `select * from Account where Active IN (true, false) STARTPOSITION ${start} MAXRESULTS 10`,
      ),
    );
    expect(sandbox.requests.every((request) => request.url.searchParams.get("minorversion") === "75")).toBe(
      true,
    );
  });
});

describe("posting each document kind", () => {
  it("posts the sales journal as one JournalEntry with classes and vendors", async () => {
    const { client } = await sandbox.qboClient();
    const document = journalDocument("journal_entry");
    const posted = await client.post({ document, idempotencyKey: "k-journal" });

    const [entry, ...others] = await objects("JournalEntry");
    expect(others).toEqual([]);
    expect(posted).toEqual({ ledgerId: entry?.Id, syncToken: "0", reference: "DB261120-store-1-JE" });
    expect(entry).toMatchObject({
      DocNumber: "DB261120-store-1-JE",
      TxnDate: "2026-11-20",
      TotalAmt: Number(document.total),
    });
    expect(entry?.PrivateNote).toBe(document.memo);
    const lines = entry?.Line as { Amount: number; JournalEntryLineDetail: Record<string, any> }[];
    expect(lines).toHaveLength(document.lines.length);
    const gst = lines.find((line) => line.JournalEntryLineDetail.AccountRef.value === DEMO_IDS.gstHst);
    expect(gst?.JournalEntryLineDetail.Entity).toEqual({
      Type: "Vendor",
      EntityRef: { value: "1", name: "Canada Revenue Agency" },
    });
    expect(lines.every((line) => line.JournalEntryLineDetail.ClassRef?.name === "Queen St")).toBe(true);
    expect(
      sandbox.requests.find((request) => request.method === "POST")?.url.searchParams.get("requestid"),
    ).toBe("k-journal");
  });

  it("posts the cash drawer, COGS and purchase order journals", async () => {
    const { client } = await sandbox.qboClient();
    const documents = [
      journalDocument("cash_drawer", receiptMapping("summary_sales_receipt")),
      journalDocument("cogs"),
      journalDocument("purchase_orders"),
    ];
    const posted = [];
    for (const document of documents)
      posted.push(await client.post({ document, idempotencyKey: `k-${document.kind}` }));
    expect(posted.map((result) => result.reference)).toEqual([
      "DB261120-store-1-CD",
      "DB261120-store-1-CG",
      "DB261120-store-1-PO",
    ]);
    expect((await objects("JournalEntry")).map((entry) => entry.TotalAmt)).toEqual(
      documents.map((document) => Number(document.total)),
    );
  });

  it("names the vendor of a purchase order on accounts payable by its QuickBooks display name", async () => {
    const { client } = await sandbox.qboClient();
    const mapping = journalMapping(
      (m) => (m.purchaseOrders = { inventory: { account: "8" }, offset: { account: "9" } }),
    );
    const posDay = {
      ...exampleDay(),
      purchaseOrders: [{ ...exampleDay().purchaseOrders[0]!, vendorName: "Pilot Coffee Roasters" }],
    };
    await client.post({
      document: journalDocument("purchase_orders", mapping, posDay),
      idempotencyKey: "k-po",
    });
    const [entry] = await objects("JournalEntry");
    const payable = (entry?.Line as { JournalEntryLineDetail: Record<string, any> }[]).find(
      (line) => line.JournalEntryLineDetail.AccountRef.value === DEMO_IDS.accountsPayable,
    );
    expect(payable?.JournalEntryLineDetail.Entity.EntityRef).toEqual({
      value: "5",
      name: "Pilot Coffee Roasters",
    });
  });

  it("posts a summary receipt as a SalesReceipt of the items and a settlement journal for the rest", async () => {
    const { client } = await sandbox.qboClient();
    const document = receiptDocument(receiptMapping("summary_sales_receipt"));
    const posted = await client.post({ document, idempotencyKey: "k-receipt" });

    const [receipt] = await objects("SalesReceipt");
    const [settlement] = await objects("JournalEntry");
    expect(posted).toEqual({
      ledgerId: `SalesReceipt:${receipt?.Id}+JournalEntry:${settlement?.Id}`,
      syncToken: "0+0",
      reference: "DB261120-store-1-SR + DB261120-store-1-ST",
    });
    // Items: all 12 + merchandise 60 + beans 39.50 - returns 20 - discount 2, into Undeposited Funds.
    expect(receipt).toMatchObject({
      TotalAmt: 89.5,
      DepositToAccountRef: { value: DEMO_IDS.undepositedFunds },
    });
    expect(receipt?.ClassRef).toEqual({ value: "1", name: "Queen St" });
    // Each payment account holds its payments, each liability its charges; Undeposited Funds the cash.
    expect(Object.fromEntries(await balances())).toEqual({
      [DEMO_IDS.undepositedFunds]: "81.64",
      [DEMO_IDS.cardClearing]: "54.32",
      [DEMO_IDS.storeAccounts]: "-2.60", // deposits 25.00 in, 22.40 charged to accounts
      [DEMO_IDS.giftCards]: "-33.20", // 50.00 sold, 16.80 redeemed
      [DEMO_IDS.tips]: "-2.00",
      [DEMO_IDS.gstHst]: "-3.88",
      [DEMO_IDS.pstBc]: "-4.76",
      [DEMO_IDS.rounding]: "-0.02",
      [DEMO_IDS.salesOther]: "-12.00",
      [DEMO_IDS.salesMerch]: "-60.00",
      [DEMO_IDS.salesBeans]: "-39.50",
      [DEMO_IDS.returns]: "20.00",
      [DEMO_IDS.discounts]: "2.00",
    });
  });

  it("posts tracked taxes as the receipt's tax lines, a combined code's rate picked by the tax's name", async () => {
    const { client } = await sandbox.qboClient();
    const document = receiptDocument(receiptMapping("itemized_sales_receipt", trackedTaxes));
    await client.post({ document, idempotencyKey: "k-taxes" });
    const [receipt] = await objects("SalesReceipt");
    expect(receipt?.TxnTaxDetail).toEqual({
      TotalTax: 8.64,
      TaxLine: [
        {
          Amount: 3.88,
          DetailType: "TaxLineDetail",
          TaxLineDetail: { TaxRateRef: { value: "2", name: "GST" }, PercentBased: true, TaxPercent: 5 },
        },
        {
          Amount: 4.76,
          DetailType: "TaxLineDetail",
          TaxLineDetail: { TaxRateRef: { value: "4", name: "PST BC" }, PercentBased: true, TaxPercent: 7 },
        },
      ],
    });
    expect(receipt?.TotalAmt).toBe(98.14);
    const balance = await balances();
    expect(balance.get(DEMO_IDS.gstHst)).toBe("-3.88");
    expect(balance.get(DEMO_IDS.pstBc)).toBe("-4.76");
    expect(balance.get(DEMO_IDS.undepositedFunds)).toBe("81.64");
  });

  it("gives a line its quantity and unit price when the amount is exactly their product", async () => {
    const { client } = await sandbox.qboClient();
    // Three at 5.00 is 15.00; three for 10.00 has no unit price of cents, so the line keeps its amount only.
    const posDay = day([
      sale(
        [
          item("15.00", { quantity: "3", unitPrice: "5.00" }),
          item("10.00", { itemId: "i9", quantity: "3", unitPrice: "3.3333" }),
        ],
        [visa("25.00")],
        { total: "25.00" },
      ),
    ]);
    const mapping = receiptMapping("itemized_sales_receipt", (m) => {
      m.sales.byItem = { i1: { item: "6" }, i9: { item: "5" } };
    });
    await client.post({ document: receiptDocument(mapping, posDay), idempotencyKey: "k-qty" });
    const [receipt] = await objects("SalesReceipt");
    const details = (receipt?.Line as { SalesItemLineDetail?: { Qty?: number; UnitPrice?: number } }[])
      .map((line) => line.SalesItemLineDetail)
      .filter((detail) => detail !== undefined);
    expect(details.map((detail) => [detail.Qty, detail.UnitPrice])).toEqual([
      [3, 5],
      [undefined, undefined],
    ]);
  });

  it("posts a receipt with nothing to sell as its settlement journal alone", async () => {
    const { client } = await sandbox.qboClient();
    const giftCardOnly = day([
      sale([item("50.00", { kind: "gift_card", categoryId: "gift", itemId: "gc" })], [cash("50.00")], {
        total: "50.00",
      }),
    ]);
    const posted = await client.post({
      document: receiptDocument(receiptMapping("summary_sales_receipt"), giftCardOnly),
      idempotencyKey: "k-gift",
    });
    const [entry] = await objects("JournalEntry");
    expect(posted).toEqual({
      ledgerId: `JournalEntry:${entry?.Id}`,
      syncToken: "0",
      reference: "DB261120-store-1-ST",
    });
    expect(await objects("SalesReceipt")).toEqual([]);
    expect(Object.fromEntries(await balances())).toEqual({
      [DEMO_IDS.undepositedFunds]: "50.00",
      [DEMO_IDS.giftCards]: "-50.00",
    });
  });

  it("posts a day whose returns exceed its sales as a RefundReceipt", async () => {
    const { client } = await sandbox.qboClient();
    const posted = await client.post({
      document: receiptDocument(receiptMapping("summary_sales_receipt"), refundDay()),
      idempotencyKey: "k-refund",
    });
    const [refund] = await objects("RefundReceipt");
    expect(await objects("SalesReceipt")).toEqual([]);
    expect(posted.ledgerId).toMatch(/^RefundReceipt:\d+\+JournalEntry:\d+$/);
    // Returned 45.00, sold 10.00: 35.00 refunded from Undeposited Funds (the cash), the card's part moved.
    expect(refund).toMatchObject({ TotalAmt: 35, DepositToAccountRef: { value: DEMO_IDS.undepositedFunds } });
    expect(Object.fromEntries(await balances())).toEqual({
      [DEMO_IDS.undepositedFunds]: "-30.00",
      [DEMO_IDS.cardClearing]: "-5.00",
      [DEMO_IDS.returns]: "45.00",
      [DEMO_IDS.salesBeans]: "-10.00",
    });
  });
});

describe("updates in place", () => {
  const changed = () =>
    journalDocument(
      "journal_entry",
      journalMapping((m) => (m.rounding = { account: "31" })),
    );

  it("reposts a changed document as a sparse update of the same object", async () => {
    const { client } = await sandbox.qboClient();
    const first = await client.post({ document: journalDocument("journal_entry"), idempotencyKey: "k-1" });
    const second = await client.post({
      document: changed(),
      idempotencyKey: "k-2",
      existing: existingOf(first),
    });

    const entries = await objects("JournalEntry");
    expect(entries).toHaveLength(1);
    expect(second).toEqual({ ...first, syncToken: "1" });
    const accounts = (entries[0]?.Line as { JournalEntryLineDetail: Record<string, any> }[]).map(
      (line) => line.JournalEntryLineDetail.AccountRef.value,
    );
    expect(accounts).toContain("31");
    expect(accounts).not.toContain(DEMO_IDS.rounding);
  });

  it("reads the object again when its SyncToken is stale, and retries once", async () => {
    const { client } = await sandbox.qboClient();
    const first = await client.post({ document: journalDocument("journal_entry"), idempotencyKey: "k-1" });
    // Someone edits the entry in QuickBooks: its SyncToken moves to 1.
    const edit = await sandbox.api("journalentry", {
      body: { Id: first.ledgerId, SyncToken: "0", sparse: true, PrivateNote: "edited by the bookkeeper" },
    });
    expect(edit.body.JournalEntry.SyncToken).toBe("1");

    const second = await client.post({
      document: changed(),
      idempotencyKey: "k-2",
      existing: existingOf(first),
    });
    expect(second.syncToken).toBe("2");
    expect(await objects("JournalEntry")).toHaveLength(1);
    const faults = sandbox.requests.filter((request) => request.status === 400);
    expect(faults).toHaveLength(1);
    expect(
      sandbox.requests.some(
        (request) =>
          request.method === "GET" && request.url.pathname.endsWith(`/journalentry/${first.ledgerId}`),
      ),
    ).toBe(true);
  });

  it("reads the SyncToken first when Daybook did not keep it", async () => {
    const { client } = await sandbox.qboClient();
    const first = await client.post({ document: journalDocument("journal_entry"), idempotencyKey: "k-1" });
    const second = await client.post({
      document: changed(),
      idempotencyKey: "k-2",
      existing: { ledgerId: first.ledgerId, syncToken: null },
    });
    expect(second.syncToken).toBe("1");
    expect(sandbox.requests.filter((request) => request.status === 400)).toEqual([]);
  });

  it("writes the content again after a revert instead of replaying the first post", async () => {
    const { client } = await sandbox.qboClient();
    const a = await client.post({ document: journalDocument("journal_entry"), idempotencyKey: "k-a" });
    const b = await client.post({ document: changed(), idempotencyKey: "k-b", existing: existingOf(a) });
    const again = await client.post({
      document: journalDocument("journal_entry"),
      idempotencyKey: "k-a",
      existing: existingOf(b),
    });
    expect(again.syncToken).toBe("2");
    const [entry] = await objects("JournalEntry");
    expect(JSON.stringify(entry?.Line)).toContain(`"value":"${DEMO_IDS.rounding}"`);
  });

  it("turns a sales receipt into a refund receipt when a reload makes the day a refund", async () => {
    const { client } = await sandbox.qboClient();
    const mapping = receiptMapping("summary_sales_receipt");
    const first = await client.post({ document: receiptDocument(mapping), idempotencyKey: "k-1" });
    const second = await client.post({
      document: receiptDocument(mapping, refundDay()),
      idempotencyKey: "k-2",
      existing: existingOf(first),
    });
    expect(await objects("SalesReceipt")).toEqual([]);
    const [refund, ...otherRefunds] = await objects("RefundReceipt");
    expect(otherRefunds).toEqual([]);
    expect(await objects("JournalEntry")).toHaveLength(1);
    // The refund is new; the settlement journal is the same object, updated.
    const settlement = first.ledgerId.split("+")[1];
    expect(second).toMatchObject({ ledgerId: `RefundReceipt:${refund?.Id}+${settlement}`, syncToken: "0+1" });
  });

  it("creates the object again when the merchant deleted it in QuickBooks", async () => {
    const { client } = await sandbox.qboClient();
    const first = await client.post({ document: journalDocument("journal_entry"), idempotencyKey: "k-1" });
    await sandbox.api("journalentry?operation=delete", { body: { Id: first.ledgerId, SyncToken: "0" } });
    const second = await client.post({
      document: changed(),
      idempotencyKey: "k-2",
      existing: existingOf(first),
    });
    expect(second.ledgerId).not.toBe(first.ledgerId);
    expect(await objects("JournalEntry")).toHaveLength(1);
  });
});

describe("exactly once", () => {
  it("returns the same object for the same idempotency key (a crash before Daybook recorded it)", async () => {
    const { client } = await sandbox.qboClient();
    const documents: AccountingDocument[] = [
      journalDocument("journal_entry"),
      receiptDocument(receiptMapping("summary_sales_receipt")),
    ];
    for (const document of documents) {
      const first = await client.post({ document, idempotencyKey: `k-${document.kind}` });
      const retry = await client.post({ document, idempotencyKey: `k-${document.kind}` });
      expect(retry.ledgerId).toBe(first.ledgerId);
    }
    expect(await objects("JournalEntry")).toHaveLength(2);
    expect(await objects("SalesReceipt")).toHaveLength(1);
  });

  it("replays the first answer when QuickBooks sees the same requestid again", async () => {
    const { client } = await sandbox.qboClient();
    const document = journalDocument("journal_entry");
    const first = await client.post({ document, idempotencyKey: "k-1" });
    // The object found by its DocNumber aside, a repeated create with the same requestid answers the same.
    const body = sandbox.requests.find((request) => request.method === "POST")?.body;
    const again = await sandbox.api(`journalentry?requestid=k-1`, { body });
    expect(again.body.JournalEntry.Id).toBe(first.ledgerId);
    expect(await objects("JournalEntry")).toHaveLength(1);
  });

  it("finishes a receipt whose settlement was refused without a second receipt", async () => {
    const { client } = await sandbox.qboClient();
    const refused = receiptMapping(
      "summary_sales_receipt",
      (m) => (m.otherCharges.tips = { account: DEMO_IDS.inactiveSales }),
    );
    await expect(client.post({ document: receiptDocument(refused), idempotencyKey: "k-1" })).rejects.toThrow(
      /inactive/,
    );
    expect(await objects("SalesReceipt")).toHaveLength(1);

    const fixed = receiptDocument(receiptMapping("summary_sales_receipt"));
    const posted = await client.post({ document: fixed, idempotencyKey: "k-2" });
    expect(await objects("SalesReceipt")).toHaveLength(1);
    expect(await objects("JournalEntry")).toHaveLength(1);
    expect(posted.syncToken).toBe("1+0");
  });

  it("hashes an idempotency key longer than QuickBooks' 50 characters into the requestid", async () => {
    const { client } = await sandbox.qboClient();
    await client.post({ document: journalDocument("journal_entry"), idempotencyKey: "k".repeat(64) });
    const requestId = sandbox.requests
      .find((request) => request.method === "POST")
      ?.url.searchParams.get("requestid");
    expect(requestId).toMatch(/^[0-9a-f]{40}$/);
  });

  it("finds a store's class by its name as well as its id", async () => {
    const { client } = await sandbox.qboClient();
    const mapping = journalMapping((m) => (m.classes = { "store-1": "Gastown" }));
    await client.post({ document: journalDocument("cogs", mapping), idempotencyKey: "k-1" });
    const [entry] = await objects("JournalEntry");
    expect(
      (entry?.Line as { JournalEntryLineDetail: Record<string, any> }[])[0]?.JournalEntryLineDetail.ClassRef,
    ).toEqual({
      value: "3",
      name: "Gastown",
    });
  });
});
