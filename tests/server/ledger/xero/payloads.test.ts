// Every request the Xero adapter sends, checked against Xero's official OpenAPI: the operation exists,
// its query parameters and required headers are there, and the body validates against the request
// schema with closed objects (a misspelt or read-only field fails).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { XERO_SPEC_PATH, xeroSchema, xeroSpecAvailable } from "../../../support/xeroSchema";
import { startXeroSandbox, type XeroSandbox } from "../../sandbox/xero/setup";
import { documentsOf, invoiceOf, journalOf, refundDay, trackedTaxes, xeroMapping } from "./documents";

const title = xeroSpecAvailable
  ? "Xero adapter payloads against the official OpenAPI"
  : `Xero adapter payloads against the official OpenAPI (skipped: ${XERO_SPEC_PATH} is missing)`;

describe.skipIf(!xeroSpecAvailable)(title, () => {
  let sandbox: XeroSandbox;
  beforeEach(async () => {
    sandbox = await startXeroSandbox();
  });
  afterEach(() => sandbox.close());

  /** The requests sent since `from`, each with what the spec says is wrong with it. */
  const checked = (from = 0) =>
    sandbox.requests.slice(from).map((request) => ({
      call: `${request.method} ${new URL(request.url).pathname.replace(/^.*\/api\.xro\/2\.0/, "")}`,
      status: request.status,
      problems: xeroSchema().problems(request),
    }));
  const paths = (from = 0) => checked(from).map((entry) => entry.call);

  it("accepts the chart reads", async () => {
    const { adapter } = await sandbox.client();
    await adapter.chart();
    const calls = checked();
    expect(calls.map((c) => c.call).sort()).toEqual([
      "GET /Accounts",
      "GET /Contacts",
      "GET /Items",
      "GET /TaxRates",
      "GET /TrackingCategories",
    ]);
    expect(calls.flatMap((c) => c.problems)).toEqual([]);
  });

  it("accepts the manual journals of every journal kind, with tracking", async () => {
    const { adapter } = await sandbox.client();
    const invoiceMethod = documentsOf(xeroMapping("summary_invoice")).filter((d) => d.kind !== "invoice");
    const journals = [journalOf("journal_entry"), ...invoiceMethod];
    expect(journals.map((d) => d.kind)).toEqual(["journal_entry", "cash_drawer", "cogs", "purchase_orders"]);
    for (const [index, document] of journals.entries())
      await adapter.post({ document, idempotencyKey: `journal-${index}` });
    const calls = checked();
    expect(calls.map((c) => c.call)).toEqual(Array(4).fill("POST /ManualJournals"));
    expect(calls.flatMap((c) => c.problems)).toEqual([]);
    const lines = (sandbox.requests[0]?.body as { ManualJournals: { JournalLines: object[] }[] })
      .ManualJournals[0]?.JournalLines;
    expect(lines?.[0]).toHaveProperty("Tracking");
  });

  it("accepts a summary invoice with tracked taxes and the payments that settle it", async () => {
    const { adapter } = await sandbox.client();
    await adapter.post({
      document: invoiceOf(xeroMapping("summary_invoice", trackedTaxes)),
      idempotencyKey: "inv",
    });
    expect(paths()).toEqual([
      "GET /Invoices",
      "POST /Invoices",
      "POST /Payments",
      "POST /Payments",
      "POST /Payments",
      "POST /Payments",
    ]);
    expect(checked().flatMap((c) => c.problems)).toEqual([]);
    const invoice = (sandbox.requests[1]?.body as { Invoices: Record<string, unknown>[] }).Invoices[0];
    expect(invoice).toMatchObject({ Type: "ACCREC", Status: "AUTHORISED", LineAmountTypes: "Exclusive" });
  });

  it("accepts a credit note and its refunds for a day whose total is negative", async () => {
    const { adapter } = await sandbox.client();
    await adapter.post({
      document: invoiceOf(xeroMapping("summary_invoice"), refundDay()),
      idempotencyKey: "cn",
    });
    expect(paths()).toContain("POST /CreditNotes");
    expect(checked().flatMap((c) => c.problems)).toEqual([]);
  });

  it("accepts the updates of a journal and of a paid invoice (payments deleted, then made again)", async () => {
    const { adapter } = await sandbox.client();
    const journal = journalOf("journal_entry");
    const invoice = invoiceOf();
    const postedJournal = await adapter.post({ document: journal, idempotencyKey: "j1" });
    const postedInvoice = await adapter.post({ document: invoice, idempotencyKey: "i1" });
    const from = sandbox.requests.length;
    await adapter.post({
      document: journal,
      idempotencyKey: "j2",
      existing: { ledgerId: postedJournal.ledgerId },
    });
    await adapter.post({
      document: invoice,
      idempotencyKey: "i2",
      existing: { ledgerId: postedInvoice.ledgerId },
    });
    const calls = checked(from);
    expect(calls.map((c) => c.call)).toEqual([
      `GET /ManualJournals/${postedJournal.ledgerId}`,
      `POST /ManualJournals/${postedJournal.ledgerId}`,
      `GET /Invoices/${postedInvoice.ledgerId}`,
      ...Array(4).fill(expect.stringMatching(/^POST \/Payments\/[0-9a-f-]{36}$/)),
      `POST /Invoices/${postedInvoice.ledgerId}`,
      ...Array(4).fill("POST /Payments"),
    ]);
    expect(calls.flatMap((c) => c.problems)).toEqual([]);
  });

  it("catches a payload the spec does not allow", () => {
    const request = {
      method: "POST",
      url: "http://pos.test/sandbox/xero/api.xro/2.0/ManualJournals",
      headers: new Headers({ "xero-tenant-id": "t", "Idempotency-Key": "k" }),
      body: {
        ManualJournals: [{ Narration: "n", JournalLines: [{ LineAmount: "12.30", AccountCod: "4001" }] }],
      },
    };
    expect(xeroSchema().problems(request)).toEqual([
      "ManualJournals/ManualJournals/0/JournalLines/0 must NOT have additional properties (AccountCod)",
      "ManualJournals/ManualJournals/0/JournalLines/0/LineAmount must be number",
    ]);
  });
});
