// The sandbox Xero Accounting API's rules, called as Xero's clients call it: balanced manual journals
// on real, active, non-bank accounts; invoices and the payments that settle them; Idempotency-Key
// replays; scopes and tenants; the organisation's limits; fault orders.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_COFFEE_LTD } from "../../../../server/sandbox/xero/organisations";
import { startXeroSandbox, type Tokens, type XeroSandbox } from "./setup";

let sandbox: XeroSandbox;
let tokens: Tokens;
beforeEach(async () => {
  sandbox = await startXeroSandbox();
  tokens = await sandbox.connect();
});
afterEach(() => sandbox.close());

type Body = Record<string, unknown>;

async function call(method: string, path: string, body?: unknown, key?: string) {
  const response = await sandbox.api(path, {
    token: tokens.access_token,
    method,
    ...(body !== undefined && { body: JSON.stringify(body) }),
    ...(key !== undefined && { headers: { "Idempotency-Key": key } }),
  });
  const text = await response.text();
  const json = response.headers.get("content-type")?.includes("json") ? (JSON.parse(text) as Body) : {};
  return { status: response.status, headers: response.headers, text, json };
}

const messagesOf = (json: Body) =>
  (json.Elements as { ValidationErrors: { Message: string }[] }[]).flatMap((element) =>
    element.ValidationErrors.map((error) => error.Message),
  );

const journal = (lines: [string, number][], extra: Body = {}) => ({
  ManualJournals: [
    {
      Narration: "Daybook sales journal",
      Date: "2026-03-01",
      Status: "POSTED",
      JournalLines: lines.map(([AccountCode, LineAmount]) => ({
        AccountCode,
        LineAmount,
        Description: "line",
      })),
      ...extra,
    },
  ],
});

const invoice = (lines: Body[], extra: Body = {}) => ({
  Invoices: [
    {
      Type: "ACCREC",
      Contact: { Name: "Daybook POS sales" },
      Date: "2026-03-01",
      DueDate: "2026-03-01",
      LineAmountTypes: "Exclusive",
      Status: "AUTHORISED",
      LineItems: lines,
      ...extra,
    },
  ],
});

describe("manual journals", () => {
  it("posts a balanced journal with tracking and answers in Xero's envelope", async () => {
    const location = DEMO_COFFEE_LTD.trackingCategories[0]!;
    const option = location.Options[0]!;
    const body = journal([
      ["1060", 113],
      ["4001", -100],
      ["2311", -13],
    ]);
    (body.ManualJournals[0]!.JournalLines[1] as Body).Tracking = [
      { TrackingCategoryID: location.TrackingCategoryID, TrackingOptionID: option.TrackingOptionID },
    ];
    const answer = await call("PUT", "ManualJournals", body);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ Status: "OK", ProviderName: "Daybook sandbox" });
    const [saved] = answer.json.ManualJournals as Body[];
    expect(saved).toMatchObject({
      Status: "POSTED",
      Narration: "Daybook sales journal",
      Date: "/Date(1772323200000+0000)/",
    });
    expect((saved?.JournalLines as Body[])[1]).toMatchObject({
      AccountCode: "4001",
      LineAmount: -100,
      Tracking: [{ Name: "Location", Option: "Queen St" }],
    });
    const listed = await call("GET", `ManualJournals/${String(saved?.ManualJournalID)}`);
    expect((listed.json.ManualJournals as Body[])[0]?.ManualJournalID).toBe(saved?.ManualJournalID);
  });

  it.each([
    [
      "an unbalanced journal",
      journal([
        ["1060", 100],
        ["4001", -90],
      ]),
      "The total debits (100.00) must equal total credits (-90.00)",
    ],
    ["a single line", journal([["1060", 0]]), "A manual journal must have at least two journal lines."],
    [
      "an unknown account code",
      journal([
        ["1060", 10],
        ["9999", -10],
      ]),
      "Account code '9999' is not a valid code for this document.",
    ],
    [
      "an archived account",
      journal([
        ["1060", 10],
        ["4990", -10],
      ]),
      "Account code '4990' has been archived, or deleted. Each line item must reference a valid account.",
    ],
    [
      "a bank account",
      journal([
        ["1000", 10],
        ["4001", -10],
      ]),
      "Account code '1000' is a bank account: manual journals cannot post to bank accounts (use a clearing account).",
    ],
    [
      "a third decimal",
      journal([
        ["1060", 10.005],
        ["4001", -10.005],
      ]),
      "Journal line 1: LineAmount must be a number with at most 2 decimal places.",
    ],
    [
      "no narration",
      journal(
        [
          ["1060", 10],
          ["4001", -10],
        ],
        { Narration: " " },
      ),
      "Narration is required.",
    ],
  ])("refuses %s", async (_, body, message) => {
    const answer = await call("POST", "ManualJournals", body);
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ ErrorNumber: 10, Type: "ValidationException" });
    expect(messagesOf(answer.json)).toContain(message);
    expect((await sandbox.ledger()).journals).toHaveLength(0);
  });

  it("updates a journal in place, voids it, and refuses to change it once voided", async () => {
    const created = await call(
      "POST",
      "ManualJournals",
      journal([
        ["1060", 10],
        ["4001", -10],
      ]),
    );
    const id = String((created.json.ManualJournals as Body[])[0]?.ManualJournalID);
    const updated = await call(
      "POST",
      `ManualJournals/${id}`,
      journal([
        ["1060", 20],
        ["4001", -20],
      ]),
    );
    expect(updated.status).toBe(200);
    const voided = await call("POST", `ManualJournals/${id}`, { ManualJournals: [{ Status: "VOIDED" }] });
    expect(voided.status).toBe(200);
    const again = await call(
      "POST",
      `ManualJournals/${id}`,
      journal([
        ["1060", 30],
        ["4001", -30],
      ]),
    );
    expect(messagesOf(again.json)[0]).toMatch(/^Manual journal not of valid status for modification/);
    const { journals } = await sandbox.ledger();
    expect(journals.map((j) => [j.id, j.status, j.lines[0]?.amount])).toEqual([[id, "VOIDED", "20.00"]]);
    expect(
      (await call("POST", "ManualJournals/00000000-0000-4000-8000-000000000000", journal([]))).status,
    ).toBe(404);
  });
});

describe("invoices and payments", () => {
  const lines = [
    {
      Description: "Sales: Espresso drinks",
      Quantity: 1,
      UnitAmount: 100,
      AccountCode: "4001",
      TaxType: "TAX001",
    },
    { Description: "Gift cards sold", Quantity: 1, UnitAmount: 25, AccountCode: "2400", TaxType: "NONE" },
  ];

  async function authorisedInvoice() {
    const answer = await call("POST", "Invoices", invoice(lines));
    expect(answer.status).toBe(200);
    return (answer.json.Invoices as Body[])[0] as Body;
  }

  const payment = (invoiceId: unknown, Code: string, Amount: number) => ({
    Invoice: { InvoiceID: invoiceId },
    Account: { Code },
    Date: "2026-03-01",
    Amount,
    Reference: "Visa",
  });

  it("computes tax per line, numbers the invoice, and creates its contact by name", async () => {
    const saved = await authorisedInvoice();
    expect(saved).toMatchObject({
      Type: "ACCREC",
      InvoiceNumber: "INV-0001",
      Status: "AUTHORISED",
      SubTotal: 125,
      TotalTax: 13,
      Total: 138,
      AmountDue: 138,
      Contact: { Name: "Daybook POS sales" },
    });
    const second = await call("POST", "Invoices", invoice(lines));
    expect((second.json.Invoices as Body[])[0]).toMatchObject({
      InvoiceNumber: "INV-0002",
      Contact: { ContactID: (saved.Contact as Body).ContactID },
    });
    const duplicate = await call("POST", "Invoices", invoice(lines, { InvoiceNumber: "INV-0001" }));
    expect(messagesOf(duplicate.json)).toEqual(["Invoice # must be unique."]);
  });

  it("keeps an explicit tax amount, and refuses tax of the wrong sign or on a 0% rate", async () => {
    const kept = await call("POST", "Invoices", invoice([{ ...lines[0], TaxAmount: 12.99 }]));
    expect((kept.json.Invoices as Body[])[0]).toMatchObject({ TotalTax: 12.99, Total: 112.99 });
    const wrongSign = await call("POST", "Invoices", invoice([{ ...lines[0], TaxAmount: -1 }]));
    expect(messagesOf(wrongSign.json)).toEqual([
      "Line 1: TaxAmount -1.00 has the opposite sign of the line amount.",
    ]);
    const zeroRate = await call("POST", "Invoices", invoice([{ ...lines[1], TaxAmount: 1 }]));
    expect(messagesOf(zeroRate.json)).toEqual(["Line 1: the tax rate No Tax cannot carry a tax amount."]);
  });

  it("refuses a negative total, a bank account on a line and an unknown tax rate", async () => {
    const negative = await call("POST", "Invoices", invoice([{ ...lines[0], UnitAmount: -5 }]));
    expect(messagesOf(negative.json)).toEqual(["The total of the invoice must not be negative (-5.65)."]);
    const bank = await call("POST", "Invoices", invoice([{ ...lines[0], AccountCode: "1000" }]));
    expect(messagesOf(bank.json)).toEqual([
      "Account code '1000' is a bank account and cannot be used on invoice lines.",
    ]);
    const tax = await call("POST", "Invoices", invoice([{ ...lines[0], TaxType: "TAX999" }]));
    expect(messagesOf(tax.json)).toEqual([
      "The TaxType code TAX999 does not exist or cannot be used with this type of transaction.",
    ]);
  });

  it("is PAID once payments cover it, and refuses payments that exceed it or go to an account without payments", async () => {
    const saved = await authorisedInvoice();
    const refused = await call("POST", "Payments", payment(saved.InvoiceID, "4001", 50));
    expect(messagesOf(refused.json)).toEqual([
      "Account code '4001' does not accept payments: use a bank account or an account with payments enabled.",
    ]);
    const tooMuch = await call("POST", "Payments", payment(saved.InvoiceID, "1060", 138.01));
    expect(messagesOf(tooMuch.json)).toEqual([
      "Payment amount (138.01) exceeds the amount outstanding on this document (138.00).",
    ]);
    const both = await call("PUT", "Payments", {
      Payments: [payment(saved.InvoiceID, "1060", 100), payment(saved.InvoiceID, "1010", 38)],
    });
    expect(both.status).toBe(200);
    const paid = await call("GET", `Invoices/${String(saved.InvoiceID)}`);
    expect((paid.json.Invoices as Body[])[0]).toMatchObject({
      Status: "PAID",
      AmountDue: 0,
      AmountPaid: 138,
    });
    const over = await call("POST", "Payments", payment(saved.InvoiceID, "1010", 1));
    expect(messagesOf(over.json)).toEqual([
      "Payments can only be made against authorised documents (this one is PAID).",
    ]);
  });

  it("refuses to edit a paid invoice until its payments are deleted", async () => {
    const saved = await authorisedInvoice();
    const paid = await call("POST", "Payments", payment(saved.InvoiceID, "1060", 138));
    const paymentId = String((paid.json.Payments as Body[])[0]?.PaymentID);
    const edit = invoice([lines[0]!]);
    const refused = await call("POST", `Invoices/${String(saved.InvoiceID)}`, edit);
    expect(messagesOf(refused.json)).toEqual([
      "This document cannot be edited as it has a payment or credit note allocated to it.",
    ]);
    const notEditable = await call("POST", `Payments/${paymentId}`, { Amount: 1 });
    expect(messagesOf(notEditable.json)).toEqual([
      "Only Status accepted for updates: a payment can only be deleted (Status DELETED).",
    ]);
    const deleted = await call("POST", `Payments/${paymentId}`, { Status: "DELETED" });
    expect(deleted.status).toBe(200);
    const edited = await call("POST", `Invoices/${String(saved.InvoiceID)}`, edit);
    expect((edited.json.Invoices as Body[])[0]).toMatchObject({
      Status: "AUTHORISED",
      Total: 113,
      Payments: [],
    });
  });

  it("finds documents with a where filter", async () => {
    await authorisedInvoice();
    const found = await call("GET", `Invoices?where=${encodeURIComponent('InvoiceNumber=="INV-0001"')}`);
    expect((found.json.Invoices as Body[]).map((i) => i.InvoiceNumber)).toEqual(["INV-0001"]);
    const none = await call("GET", `Invoices?where=${encodeURIComponent('Contact.Name=="Somebody else"')}`);
    expect(none.json.Invoices).toEqual([]);
    const bad = await call("GET", `Invoices?where=${encodeURIComponent("Total >> 3")}`);
    expect(bad.status).toBe(400);
    const suppliers = await call("GET", `Contacts?where=${encodeURIComponent("IsSupplier==true")}`);
    expect((suppliers.json.Contacts as Body[]).length).toBe(DEMO_COFFEE_LTD.contacts.length);
  });
});

describe("Idempotency-Key", () => {
  it("replays the first answer, status and body, without a second object", async () => {
    const body = journal([
      ["1060", 10],
      ["4001", -10],
    ]);
    const first = await call("POST", "ManualJournals", body, "same-key");
    const second = await call("POST", "ManualJournals", { ...body, ManualJournals: [] }, "same-key");
    expect(second.status).toBe(first.status);
    expect(second.text).toBe(first.text);
    expect((await sandbox.ledger()).journals).toHaveLength(1);
    sandbox.advance(24 * 60 * 60_000 + 1);
    const fresh = await sandbox.connect();
    const later = await sandbox.api("ManualJournals", {
      token: fresh.access_token,
      method: "POST",
      body: JSON.stringify(body),
      headers: { "Idempotency-Key": "same-key" },
    });
    expect(later.status).toBe(200);
    expect((await sandbox.ledger()).journals).toHaveLength(2);
  });

  it("does not keep refusals: the same key works once the problem is fixed", async () => {
    const refused = await call(
      "POST",
      "ManualJournals",
      journal([
        ["1060", 10],
        ["4001", -9],
      ]),
      "k",
    );
    expect(refused.status).toBe(400);
    const fixed = await call(
      "POST",
      "ManualJournals",
      journal([
        ["1060", 10],
        ["4001", -10],
      ]),
      "k",
    );
    expect(fixed.status).toBe(200);
  });

  it("refuses a key longer than 128 characters", async () => {
    const answer = await call(
      "POST",
      "ManualJournals",
      journal([
        ["1060", 10],
        ["4001", -10],
      ]),
      "k".repeat(129),
    );
    expect(answer.status).toBe(400);
  });
});

describe("access, limits and faults", () => {
  it("needs the scope of the resource", async () => {
    const narrow = await sandbox.connect(
      DEMO_COFFEE_LTD.tenantId,
      "accounting.transactions accounting.settings offline_access",
    );
    const contacts = await sandbox.api("Contacts", { token: narrow.access_token });
    expect(contacts.status).toBe(403);
    expect(await contacts.json()).toMatchObject({ Detail: expect.stringContaining("accounting.contacts") });
    expect((await sandbox.api("Accounts", { token: narrow.access_token })).status).toBe(200);
  });

  it("answers the 61st call of a minute with 429, Retry-After and X-Rate-Limit-Problem: minute", async () => {
    for (let i = 0; i < 60; i++) {
      expect((await call("GET", "TaxRates")).status).toBe(200);
      sandbox.advance(500);
    }
    const limited = await call("GET", "TaxRates");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("X-Rate-Limit-Problem")).toBe("minute");
    expect(limited.headers.get("Retry-After")).toBe("30");
    sandbox.advance(30_000);
    expect((await call("GET", "TaxRates")).status).toBe(200);
  });

  it("answers a sixth concurrent call with 429 concurrent", async () => {
    sandbox.order("slow", 5);
    const slow = Array.from({ length: 5 }, () => call("GET", "Accounts"));
    while (sandbox.held.length < 5) await new Promise((resolve) => setTimeout(resolve, 1));
    const sixth = await call("GET", "Accounts");
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get("X-Rate-Limit-Problem")).toBe("concurrent");
    sandbox.release();
    expect((await Promise.all(slow)).map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await call("GET", "Accounts")).status).toBe(200);
  });

  it("answers fault orders in Xero's shapes", async () => {
    sandbox.order("500");
    const failed = await call("GET", "Accounts");
    expect(failed.status).toBe(500);
    expect(failed.json).toMatchObject({ Title: "An error occurred", Status: 500 });
    sandbox.faults.order({ target: "xero", fault: "429", count: 1, delayMs: 4_000 });
    const limited = await call("GET", "Accounts");
    expect([limited.status, limited.headers.get("Retry-After")]).toEqual([429, "4"]);
    sandbox.order("401");
    expect((await call("GET", "Accounts")).status).toBe(401);
    expect((await call("GET", "Accounts")).status).toBe(200);
  });
});
