// Every payload the QuickBooks adapter sends, checked against Intuit's v3 XSD (../shared/specs/qbo-xsd):
// each document kind is posted to the sandbox through a routed fetch that records the requests, and each
// write's JSON must use the schema's element names, lists, enumerations and simple types.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadQboSchema, QBO_XSD_DIR, qboSpecAvailable, type QboSchema } from "../../../support/qboSchema";
import { DEMO, type QboSandbox, startQboSandbox } from "../../sandbox/qbo/setup";
import {
  journalDocument,
  journalMapping,
  receiptDocument,
  receiptMapping,
  refundDay,
  trackedTaxes,
} from "./documents";

const skipped = qboSpecAvailable ? "" : ` (skipped: the QuickBooks XSD is not in ${QBO_XSD_DIR})`;
const ENTITIES: Record<string, string> = {
  journalentry: "JournalEntry",
  salesreceipt: "SalesReceipt",
  refundreceipt: "RefundReceipt",
};

let sandbox: QboSandbox;
let schema: QboSchema;

beforeEach(async () => {
  sandbox = await startQboSandbox();
  if (qboSpecAvailable) schema ??= loadQboSchema();
});
afterEach(() => sandbox.close());

/** The writes the adapter sent, each with its entity and the XSD's verdict. */
function checkedWrites() {
  return sandbox.requests
    .filter((request) => request.method === "POST" && request.url.pathname.includes(`/company/${DEMO}/`))
    .map((request) => {
      const entity = ENTITIES[request.url.pathname.split("/").at(-1) ?? ""] ?? "?";
      return {
        entity,
        body: request.body as Record<string, unknown>,
        problems: schema.check(entity, request.body),
      };
    });
}

describe(`QuickBooks payloads against the XSD${skipped}`, () => {
  it.skipIf(!qboSpecAvailable)("the checker refuses what the schema does not allow", () => {
    const line = (detail: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
      Amount: 10,
      DetailType: "JournalEntryLineDetail",
      JournalEntryLineDetail: { PostingType: "Debit", AccountRef: { value: "1" }, ...detail },
      ...extra,
    });
    expect(schema.check("JournalEntry", { TxnDate: "2026-11-20", Line: [line({})] })).toEqual([]);
    expect(schema.check("JournalEntry", { Line: [line({ PostingType: "Debt" })] })).toEqual([
      'JournalEntry.Line[0].JournalEntryLineDetail.PostingType: "Debt" is not one of Credit, Debit (PostingTypeEnum)',
    ]);
    expect(schema.check("JournalEntry", { Line: [line({}, { Amount: "10.00" })] })[0]).toContain(
      "is not a number",
    );
    expect(schema.check("JournalEntry", { Line: line({}) })).toEqual([
      "JournalEntry.Line: a list is expected",
    ]);
    expect(schema.check("JournalEntry", { Memo: "x", Line: [] })).toEqual([
      'JournalEntry.Memo: JournalEntry has no element or attribute "Memo"',
    ]);
    expect(schema.check("JournalEntry", { TxnDate: "2026-02-30" })[0]).toContain("is not a date");
    expect(schema.check("JournalEntry", { Line: [line({ Entity: { Type: "Supplier" } })] })[0]).toContain(
      "EntityTypeEnum",
    );
    expect(schema.check("SalesReceipt", { Line: [{ DetailType: "SalesLine" }] })[0]).toContain(
      "LineDetailTypeEnum",
    );
    expect(schema.check("SalesReceipt", { ClassRef: { value: "1", label: "x" } })).toEqual([
      'SalesReceipt.ClassRef.label: ReferenceType has no element or attribute "label"',
    ]);
    expect(schema.enumeration("PostingTypeEnum")).toEqual(["Credit", "Debit"]);
  });

  it.skipIf(!qboSpecAvailable)("journal entry: classes and a vendor as the line's Name", async () => {
    const { client } = await sandbox.qboClient();
    await client.post({ document: journalDocument("journal_entry"), idempotencyKey: "je-1" });
    const [write] = checkedWrites();
    expect(write?.entity).toBe("JournalEntry");
    expect(write?.problems).toEqual([]);
    const lines = write?.body.Line as { JournalEntryLineDetail: Record<string, unknown> }[];
    expect(
      lines.every((line) => (line.JournalEntryLineDetail.ClassRef as { value: string }).value === "1"),
    ).toBe(true);
    expect(lines.some((line) => line.JournalEntryLineDetail.Entity !== undefined)).toBe(true);
  });

  it.skipIf(!qboSpecAvailable)("cash drawer, COGS and purchase order journals", async () => {
    const { client } = await sandbox.qboClient();
    const mapping = receiptMapping("summary_sales_receipt");
    await client.post({ document: journalDocument("cash_drawer", mapping), idempotencyKey: "cd-1" });
    await client.post({ document: journalDocument("cogs"), idempotencyKey: "cogs-1" });
    await client.post({ document: journalDocument("purchase_orders"), idempotencyKey: "po-1" });
    const writes = checkedWrites();
    expect(writes.map((write) => write.entity)).toEqual(["JournalEntry", "JournalEntry", "JournalEntry"]);
    expect(writes.flatMap((write) => write.problems)).toEqual([]);
  });

  it.skipIf(!qboSpecAvailable)("summary sales receipt and its settlement journal", async () => {
    const { client } = await sandbox.qboClient();
    await client.post({
      document: receiptDocument(receiptMapping("summary_sales_receipt")),
      idempotencyKey: "sr-1",
    });
    const writes = checkedWrites();
    expect(writes.map((write) => write.entity)).toEqual(["SalesReceipt", "JournalEntry"]);
    expect(writes.flatMap((write) => write.problems)).toEqual([]);
  });

  it.skipIf(!qboSpecAvailable)("itemized sales receipt with tracked taxes", async () => {
    const { client } = await sandbox.qboClient();
    const document = receiptDocument(receiptMapping("itemized_sales_receipt", trackedTaxes));
    await client.post({ document, idempotencyKey: "sr-2" });
    const [receipt, ...others] = checkedWrites();
    expect(receipt?.entity).toBe("SalesReceipt");
    expect(receipt?.problems).toEqual([]);
    expect((receipt?.body.TxnTaxDetail as { TaxLine: unknown[] }).TaxLine).toHaveLength(2);
    expect(others.flatMap((write) => write.problems)).toEqual([]);
  });

  it.skipIf(!qboSpecAvailable)("refund receipt", async () => {
    const { client } = await sandbox.qboClient();
    await client.post({
      document: receiptDocument(receiptMapping("summary_sales_receipt"), refundDay()),
      idempotencyKey: "rr-1",
    });
    const writes = checkedWrites();
    expect(writes.map((write) => write.entity)).toEqual(["RefundReceipt", "JournalEntry"]);
    expect(writes.flatMap((write) => write.problems)).toEqual([]);
  });

  it.skipIf(!qboSpecAvailable)(
    "sparse updates, and the delete of an object a repost no longer needs",
    async () => {
      const { client } = await sandbox.qboClient();
      const first = await client.post({ document: journalDocument("journal_entry"), idempotencyKey: "je-1" });
      const changed = journalDocument(
        "journal_entry",
        journalMapping((mapping) => (mapping.rounding = { account: "31" })),
      );
      await client.post({
        document: changed,
        idempotencyKey: "je-2",
        existing: { ledgerId: first.ledgerId, syncToken: first.syncToken ?? null },
      });
      const receipt = await client.post({
        document: receiptDocument(receiptMapping("summary_sales_receipt")),
        idempotencyKey: "sr-1",
      });
      await client.post({
        document: receiptDocument(receiptMapping("summary_sales_receipt"), refundDay()),
        idempotencyKey: "sr-2",
        existing: { ledgerId: receipt.ledgerId, syncToken: receipt.syncToken ?? null },
      });
      const writes = checkedWrites();
      const update = writes[1];
      expect(update?.body).toMatchObject({ sparse: true, Id: first.ledgerId, SyncToken: "0" });
      const deletes = sandbox.requests.filter(
        (request) => request.url.searchParams.get("operation") === "delete",
      );
      expect(deletes.map((request) => request.url.pathname.split("/").at(-1))).toEqual(["salesreceipt"]);
      expect(writes.flatMap((write) => write.problems)).toEqual([]);
    },
  );
});
