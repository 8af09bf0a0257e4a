// The Xero adapter against the sandbox Xero: the chart, each document kind as Xero keeps it, updates in
// place, the crash between Xero's answer and our record, and Xero's refusals as guidance.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LedgerValidationError, type PostRequest } from "../../../../server/ledger/port";
import { DEMO_COFFEE_LTD, stableId } from "../../../../server/sandbox/xero/organisations";
import type { JournalDocument } from "../../../../shared/engine/types";
import { Decimal, sum } from "../../../../shared/money";
import { exampleDay } from "../../../support/examples";
import { startXeroSandbox, type XeroSandbox } from "../../sandbox/xero/setup";
import { GASTOWN, invoiceOf, journalOf, refundDay, trackedTaxes, xeroMapping } from "./documents";

let sandbox: XeroSandbox;
beforeEach(async () => {
  sandbox = await startXeroSandbox();
});
afterEach(() => sandbox.close());

const accountId = (code: string) => DEMO_COFFEE_LTD.accounts.find((a) => a.Code === code)?.AccountID;

async function refusal(promise: Promise<unknown>): Promise<LedgerValidationError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LedgerValidationError);
  return error as LedgerValidationError;
}

describe("the chart", () => {
  it("lists accounts by code with their type, items, tax rates, tracking options and suppliers", async () => {
    const { adapter } = await sandbox.client();
    const chart = await adapter.chart();
    expect(chart.accounts).toContainEqual({
      id: "1200",
      code: "1200",
      name: "Accounts Receivable",
      type: "CURRENT",
      subtype: "DEBTORS",
      active: true,
    });
    expect(chart.accounts).toContainEqual(expect.objectContaining({ id: "4990", active: false }));
    // A bank account without a code is known by its AccountID.
    const stripe = DEMO_COFFEE_LTD.accounts.find((a) => a.Name === "Stripe Payouts");
    expect(chart.accounts).toContainEqual(expect.objectContaining({ id: stripe?.AccountID, type: "BANK" }));
    expect(chart.items).toContainEqual({ id: "LATTE", name: "Latte", active: true });
    expect(chart.taxCodes).toContainEqual({
      id: "TAX004",
      name: "GST + QST on Sales 14.975%",
      active: true,
      rate: "14.975",
    });
    expect(chart.classes).toContainEqual({ id: GASTOWN, name: "Location: Gastown", active: true });
    expect(chart.vendors.map((vendor) => vendor.name)).toContain("Pilot Coffee Roasters");
  });
});

describe("posting", () => {
  it("posts a journal as a posted manual journal: debits positive, credits negative, the store's tracking", async () => {
    const { adapter } = await sandbox.client();
    const document = journalOf("journal_entry");
    const posted = await adapter.post({ document, idempotencyKey: "k1" });
    const { journals } = await sandbox.ledger();
    expect(journals).toHaveLength(1);
    const journal = journals[0]!;
    expect(journal).toMatchObject({
      id: posted.ledgerId,
      status: "POSTED",
      narration: document.memo,
      date: "2026-11-20",
    });
    expect(journal.lines).toHaveLength(document.lines.length);
    const [first] = document.lines;
    expect(journal.lines[0]).toMatchObject({
      accountId: accountId(first!.target.account!),
      amount: first!.side === "debit" ? first!.amount : `-${first!.amount}`,
      description: first!.description,
      tracking: [{ categoryId: GASTOWN.split("/")[0], optionId: GASTOWN.split("/")[1] }],
    });
  });

  it("posts a summary invoice with tracked taxes, paid in full by its payments", async () => {
    const { adapter } = await sandbox.client();
    const document = invoiceOf(xeroMapping("summary_invoice", trackedTaxes));
    const posted = await adapter.post({ document, idempotencyKey: "k1" });
    const { documents, payments, contacts } = await sandbox.ledger();
    expect(documents).toHaveLength(1);
    const invoice = documents[0]!;
    expect(invoice).toMatchObject({
      kind: "invoice",
      id: posted.ledgerId,
      number: "DAYBOOK-2026-11-20-store-1",
      status: "PAID",
      total: document.total,
      totalTax: sum(document.taxes.map((t) => new Decimal(t.amount))).toFixed(2),
      reference: document.memo,
    });
    expect(posted.reference).toBe("DAYBOOK-2026-11-20-store-1");
    expect(invoice.lines.filter((line) => line.taxType === "TAX006")).not.toHaveLength(0);
    expect(payments.map((p) => [p.accountId, p.amount, p.status])).toEqual(
      document.payments.map((p) => [accountId(p.target.account!), p.amount, "AUTHORISED"]),
    );
    expect(contacts.map((contact) => contact.Name)).toEqual(["Daybook POS sales"]);
  });

  it("posts a day whose total is negative as a credit note refunded from its accounts", async () => {
    const { adapter } = await sandbox.client();
    const document = invoiceOf(xeroMapping("summary_invoice"), refundDay());
    expect(Number(document.total)).toBeLessThan(0);
    await adapter.post({ document, idempotencyKey: "k1" });
    const { documents, payments } = await sandbox.ledger();
    // The cash taken in that day (a positive payment) is a line of the credit note on its account, so
    // the credit note's total is what was refunded.
    const refunded = document.payments.filter((p) => p.amount.startsWith("-")).map((p) => p.amount.slice(1));
    expect(documents.map((d) => [d.kind, d.status])).toEqual([["creditNote", "PAID"]]);
    expect(payments.map((payment) => [payment.kind, payment.amount])).toEqual(
      refunded.map((amount) => ["creditNote", amount]),
    );
    const cash = document.payments.find((p) => !p.amount.startsWith("-"));
    expect(documents[0]?.lines.at(-1)).toMatchObject({
      accountId: accountId("1010"),
      lineAmount: cash?.amount,
    });
  });

  it("posts a sales receipt (Xero has none) as the same paid invoice", async () => {
    const { adapter } = await sandbox.client();
    const document = { ...invoiceOf(), kind: "sales_receipt" as const };
    await adapter.post({ document, idempotencyKey: "k1" });
    expect((await sandbox.ledger()).documents.map((d) => [d.kind, d.status])).toEqual([["invoice", "PAID"]]);
  });
});

describe("exactly once", () => {
  it("updates a posted journal in place when the day changes", async () => {
    const { adapter } = await sandbox.client();
    const first = await adapter.post({ document: journalOf("journal_entry"), idempotencyKey: "k1" });
    const day = exampleDay();
    day.sales = day.sales.slice(0, 3);
    const changed = journalOf("journal_entry", xeroMapping(), day);
    const second = await adapter.post({
      document: changed,
      idempotencyKey: "k2",
      existing: { ledgerId: first.ledgerId },
    });
    expect(second.ledgerId).toBe(first.ledgerId);
    const { journals } = await sandbox.ledger();
    expect(journals).toHaveLength(1);
    expect(journals[0]?.lines).toHaveLength(changed.lines.length);
  });

  it("updates a paid invoice in place: its payments are deleted, the invoice rewritten, and paid again", async () => {
    const { adapter } = await sandbox.client();
    const first = await adapter.post({ document: invoiceOf(), idempotencyKey: "k1" });
    const day = exampleDay();
    day.sales = day.sales.slice(0, 4);
    const changed = invoiceOf(xeroMapping("summary_invoice"), day);
    const second = await adapter.post({
      document: changed,
      idempotencyKey: "k2",
      existing: { ledgerId: first.ledgerId },
    });
    expect(second.ledgerId).toBe(first.ledgerId);
    const { documents, payments } = await sandbox.ledger();
    expect(documents.map((d) => [d.id, d.status, d.total])).toEqual([
      [first.ledgerId, "PAID", changed.total],
    ]);
    const live = payments.filter((p) => p.status === "AUTHORISED");
    expect(live.map((p) => p.amount)).toEqual(changed.payments.map((p) => p.amount));
    expect(payments.filter((p) => p.status === "DELETED")).toHaveLength(4);
  });

  it("returns the same object when the same post is sent twice (a crash before our record)", async () => {
    const { adapter } = await sandbox.client();
    for (const document of [journalOf("cogs"), invoiceOf()]) {
      const request: PostRequest = { document, idempotencyKey: `key-${document.kind}` };
      const first = await adapter.post(request);
      const again = await adapter.post(request);
      expect(again).toEqual(first);
    }
    const { journals, documents, payments } = await sandbox.ledger();
    expect(journals).toHaveLength(1);
    expect(documents).toHaveLength(1);
    expect(documents[0]?.status).toBe("PAID");
    expect(payments.filter((p) => p.status === "AUTHORISED")).toHaveLength(4);
  });

  it("finds the invoice by its number when the idempotency key has expired, and updates it", async () => {
    const { adapter } = await sandbox.client();
    const document = invoiceOf();
    const first = await adapter.post({ document, idempotencyKey: "k1" });
    sandbox.advance(25 * 60 * 60_000);
    const { adapter: later } = await sandbox.client();
    const again = await later.post({ document, idempotencyKey: "k1" });
    expect(again.ledgerId).toBe(first.ledgerId);
    const { documents } = await sandbox.ledger();
    expect(documents.map((d) => d.status)).toEqual(["PAID"]);
  });

  it("replaces a journal the merchant voided in Xero", async () => {
    const { adapter, tokens } = await sandbox.client();
    const first = await adapter.post({ document: journalOf("cogs"), idempotencyKey: "k1" });
    const voided = await sandbox.api(`ManualJournals/${first.ledgerId}`, {
      token: tokens.access_token,
      method: "POST",
      headers: { "Idempotency-Key": "merchant-void" },
      body: JSON.stringify({ ManualJournals: [{ Status: "VOIDED" }] }),
    });
    expect(voided.status).toBe(200);
    const second = await adapter.post({
      document: journalOf("cogs"),
      idempotencyKey: "k2",
      existing: { ledgerId: first.ledgerId },
    });
    expect(second.ledgerId).not.toBe(first.ledgerId);
    expect((await sandbox.ledger()).journals.map((j) => j.status)).toEqual(["VOIDED", "POSTED"]);
  });

  it("voids the invoice and posts a credit note when the day's total turns negative", async () => {
    const { adapter } = await sandbox.client();
    const first = await adapter.post({ document: invoiceOf(), idempotencyKey: "k1" });
    const refund = invoiceOf(xeroMapping("summary_invoice"), refundDay());
    const second = await adapter.post({
      document: refund,
      idempotencyKey: "k2",
      existing: { ledgerId: first.ledgerId },
    });
    const { documents, payments } = await sandbox.ledger();
    expect(documents.map((d) => [d.kind, d.status])).toEqual([
      ["invoice", "VOIDED"],
      ["creditNote", "PAID"],
    ]);
    expect(documents[1]?.id).toBe(second.ledgerId);
    expect(payments.filter((p) => p.kind === "invoice").every((p) => p.status === "DELETED")).toBe(true);
  });
});

describe("refusals become guidance", () => {
  it("names the mapped account Xero refused", async () => {
    const { adapter } = await sandbox.client();
    const mapping = xeroMapping("journal_entry", (m) => {
      m.sales.byCategory.c1 = { account: "4999" };
    });
    const error = await refusal(
      adapter.post({ document: journalOf("journal_entry", mapping), idempotencyKey: "k" }),
    );
    expect(error.message).toBe(
      "Xero refused the manual journal: Account code '4999' is not a valid code for this document.",
    );
    expect(error.target).toEqual({ account: "4999" });
  });

  it("names an archived account and a bank account a journal cannot use", async () => {
    const { adapter } = await sandbox.client();
    const archived = xeroMapping("journal_entry", (m) => {
      m.discounts.returns = { account: "4990" };
    });
    const first = await refusal(
      adapter.post({ document: journalOf("journal_entry", archived), idempotencyKey: "a" }),
    );
    expect(first.message).toContain("Account code '4990' has been archived");
    expect(first.target).toEqual({ account: "4990" });
    const bank = xeroMapping("journal_entry", (m) => {
      m.cashDrawer.deposit = { account: "1000" };
    });
    const second = await refusal(
      adapter.post({ document: journalOf("journal_entry", bank), idempotencyKey: "b" }),
    );
    expect(second.message).toContain("Account code '1000' is a bank account");
    expect(second.target).toEqual({ account: "1000" });
  });

  it("names a payment account that does not accept payments, and pays the invoice once the mapping is fixed", async () => {
    const { adapter } = await sandbox.client();
    const wrong = xeroMapping("summary_invoice", (m) => {
      m.payments.allCreditCards = { account: "4001" };
    });
    const error = await refusal(adapter.post({ document: invoiceOf(wrong), idempotencyKey: "k1" }));
    expect(error.message).toMatch(/^Xero refused the payment: Account code '4001' does not accept payments/);
    expect(error.target).toEqual({ account: "4001" });
    await adapter.post({ document: invoiceOf(), idempotencyKey: "k2" });
    const { documents } = await sandbox.ledger();
    expect(documents.map((d) => d.status)).toEqual(["PAID"]);
  });

  it("refuses what Xero cannot hold before sending it", async () => {
    const { adapter } = await sandbox.client();
    const twoRates = xeroMapping("summary_invoice", (m) => {
      trackedTaxes(m);
      m.taxes.byTax.t2 = { taxCode: "TAX005" };
    });
    const taxes = await refusal(adapter.post({ document: invoiceOf(twoRates), idempotencyKey: "k1" }));
    expect(taxes.message).toContain("mapped to 2 Xero tax rates (TAX006, TAX005)");
    const journal = journalOf("journal_entry");
    const withItem: JournalDocument = {
      ...journal,
      lines: journal.lines.map((line, i) => (i === 0 ? { ...line, target: { item: "LATTE" } } : line)),
    };
    const item = await refusal(adapter.post({ document: withItem, idempotencyKey: "k2" }));
    expect(item.target).toEqual({ item: "LATTE" });
    const badClass = xeroMapping("journal_entry", (m) => {
      m.classes = { "store-1": "Gastown" };
    });
    const tracking = await refusal(
      adapter.post({ document: journalOf("journal_entry", badClass), idempotencyKey: "k3" }),
    );
    expect(tracking.message).toContain('the store\'s class "Gastown" is not a Xero tracking option');
    expect(sandbox.requests.filter((r) => r.method === "POST")).toHaveLength(0);
  });

  it("posts to a bank account that has no code by its AccountID", async () => {
    const { adapter } = await sandbox.client();
    const stripe = stableId(DEMO_COFFEE_LTD.tenantId, "account", "Stripe Payouts");
    const mapping = xeroMapping("summary_invoice", (m) => {
      m.payments.allCreditCards = { account: stripe };
    });
    await adapter.post({ document: invoiceOf(mapping), idempotencyKey: "k1" });
    const { payments } = await sandbox.ledger();
    expect(payments.map((p) => p.accountId)).toContain(stripe);
  });
});
