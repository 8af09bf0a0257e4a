// The sandbox QuickBooks Online API's rules, called directly: the validation QuickBooks applies to a
// posted transaction, updates with SyncToken, requestid replays, tokens bound to one company, queries,
// the rate limit and fault orders; and its answers against Intuit's XSD.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAPLE_BAKERY_BOOKS } from "../../../../server/sandbox/qbo/companies";
import { QBO_REQUESTS_PER_MINUTE } from "../../../../server/sandbox/qbo/rateLimit";
import { loadQboSchema, QBO_XSD_DIR, qboSpecAvailable } from "../../../support/qboSchema";
import { DEMO, type QboSandbox, startQboSandbox } from "./setup";

let sandbox: QboSandbox;
let token: string;
beforeEach(async () => {
  sandbox = await startQboSandbox();
  token = (await sandbox.connect()).access_token;
});
afterEach(() => sandbox.close());

const line = (postingType: string, amount: number, account = "1", detail: Record<string, unknown> = {}) => ({
  Description: `${postingType} ${amount}`,
  Amount: amount,
  DetailType: "JournalEntryLineDetail",
  JournalEntryLineDetail: { PostingType: postingType, AccountRef: { value: account }, ...detail },
});
const journal = (lines: unknown[], extra: Record<string, unknown> = {}) => ({
  DocNumber: "T-1",
  TxnDate: "2026-11-20",
  Line: lines,
  ...extra,
});
const balanced = (extra: Record<string, unknown> = {}) =>
  journal([line("Debit", 12.3, "4"), line("Credit", 12.3, "23")], extra);

const post = (path: string, body: unknown) => sandbox.api(path, { body, token });
const firstError = (body: Record<string, any>) => body.Fault.Error[0] as Record<string, string>;

const receipt = (lines: unknown[], extra: Record<string, unknown> = {}) => ({
  TxnDate: "2026-11-20",
  Line: lines,
  ...extra,
});
const itemLine = (item: string, amount: number, detail: Record<string, unknown> = {}) => ({
  Amount: amount,
  DetailType: "SalesItemLineDetail",
  SalesItemLineDetail: { ItemRef: { value: item }, ...detail },
});

describe("journal entries", () => {
  it("creates a balanced entry and answers it in QuickBooks' shape", async () => {
    const { status, body } = await post("journalentry", balanced({ PrivateNote: "day" }));
    expect(status).toBe(200);
    expect(body.time).toEqual(expect.any(String));
    expect(body.JournalEntry).toMatchObject({
      Id: "1",
      SyncToken: "0",
      DocNumber: "T-1",
      TotalAmt: 12.3,
      CurrencyRef: { value: "CAD", name: "Canadian Dollar" },
      Line: [
        { Id: "0", JournalEntryLineDetail: { AccountRef: { value: "4", name: "Undeposited Funds" } } },
        { Id: "1", JournalEntryLineDetail: { AccountRef: { value: "23", name: "Sales - Other" } } },
      ],
    });
    const read = await sandbox.api("journalentry/1", { token });
    expect(read.body.JournalEntry).toEqual(body.JournalEntry);
  });

  it("refuses an entry whose debits and credits differ by a cent (6000)", async () => {
    const { status, body } = await post(
      "journalentry",
      journal([line("Debit", 100), line("Credit", 99.99, "23")]),
    );
    expect(status).toBe(400);
    expect(body.Fault.type).toBe("ValidationFault");
    expect(firstError(body)).toMatchObject({
      code: "6000",
      Detail:
        "Business Validation Error: Transaction must be balanced: debits 100.00 and credits 99.99 differ.",
    });
    expect(await sandbox.records("JournalEntry")).toEqual([]);
  });

  it("adds amounts as decimals: 0.1 + 0.2 balances 0.3", async () => {
    const { status } = await post(
      "journalentry",
      journal([line("Debit", 0.1), line("Debit", 0.2), line("Credit", 0.3, "23")]),
    );
    expect(status).toBe(200);
  });

  it("accepts only Debit or Credit as PostingType", async () => {
    const { body } = await post("journalentry", journal([line("Debt", 5), line("Credit", 5, "23")]));
    expect(firstError(body)).toMatchObject({
      code: "2010",
      element: "Line.JournalEntryLineDetail.PostingType",
    });
  });

  it("refuses an account that does not exist or is inactive (2500)", async () => {
    for (const account of ["999", "32"]) {
      const { body } = await post(
        "journalentry",
        journal([line("Debit", 5, account), line("Credit", 5, "23")]),
      );
      expect(firstError(body)).toMatchObject({
        code: "2500",
        Message: "Invalid Reference Id",
        element: "Line.JournalEntryLineDetail.AccountRef",
      });
    }
  });

  it("checks classes and vendors, and wants a vendor on accounts payable", async () => {
    const unknownClass = await post(
      "journalentry",
      journal([line("Debit", 5, "4", { ClassRef: { value: "77" } }), line("Credit", 5, "23")]),
    );
    expect(firstError(unknownClass.body)).toMatchObject({
      code: "2500",
      element: "Line.JournalEntryLineDetail.ClassRef",
    });
    const inactiveVendor = await post(
      "journalentry",
      journal([
        line("Debit", 5, "8"),
        line("Credit", 5, "9", { Entity: { Type: "Vendor", EntityRef: { value: "9" } } }),
      ]),
    );
    expect(firstError(inactiveVendor.body)).toMatchObject({
      code: "2500",
      element: "Line.JournalEntryLineDetail.Entity.EntityRef",
    });
    const noVendor = await post("journalentry", journal([line("Debit", 5, "8"), line("Credit", 5, "9")]));
    expect(firstError(noVendor.body).code).toBe("6000");
    const withVendor = await post(
      "journalentry",
      journal([
        line("Debit", 5, "8"),
        line("Credit", 5, "9", { Entity: { Type: "Vendor", EntityRef: { value: "5" } } }),
      ]),
    );
    expect(withVendor.status).toBe(200);
  });

  it("requires lines, a line type, amounts of at least zero, and known properties", async () => {
    expect(firstError((await post("journalentry", journal([]))).body)).toMatchObject({
      code: "2020",
      element: "Line",
    });
    const wrongType = await post(
      "journalentry",
      journal([{ ...line("Debit", 5), DetailType: "SalesItemLineDetail" }, line("Credit", 5, "23")]),
    );
    expect(firstError(wrongType.body)).toMatchObject({ code: "2010", element: "Line.DetailType" });
    const negative = await post("journalentry", journal([line("Debit", -5), line("Credit", -5, "23")]));
    expect(firstError(negative.body)).toMatchObject({ code: "6000", element: "Line.Amount" });
    const unknown = await post("journalentry", balanced({ Memo: "x" }));
    expect(firstError(unknown.body)).toMatchObject({ code: "2010", element: "Memo" });
    const longNumber = await post("journalentry", balanced({ DocNumber: "D".repeat(22) }));
    expect(firstError(longNumber.body)).toMatchObject({ code: "2050", element: "DocNumber" });
    const otherCurrency = await post("journalentry", balanced({ CurrencyRef: { value: "USD" } }));
    expect(firstError(otherCurrency.body)).toMatchObject({ code: "6000", element: "CurrencyRef" });
    expect(await sandbox.records("JournalEntry")).toEqual([]);
  });
});

describe("updates", () => {
  it("applies a sparse update, keeping what it does not name, and moves the SyncToken", async () => {
    await post("journalentry", balanced({ PrivateNote: "first" }));
    const { body } = await post("journalentry", { Id: "1", SyncToken: "0", sparse: true, DocNumber: "T-2" });
    expect(body.JournalEntry).toMatchObject({
      Id: "1",
      SyncToken: "1",
      DocNumber: "T-2",
      PrivateNote: "first",
      TotalAmt: 12.3,
    });
  });

  it("replaces the whole object on a full update", async () => {
    await post("journalentry", balanced({ PrivateNote: "first" }));
    const { body } = await post("journalentry", {
      Id: "1",
      SyncToken: "0",
      ...journal([line("Debit", 1), line("Credit", 1, "23")]),
    });
    expect(body.JournalEntry.PrivateNote).toBeUndefined();
    expect(body.JournalEntry.TotalAmt).toBe(1);
  });

  it("refuses a stale SyncToken (5010) and an update without one", async () => {
    await post("journalentry", balanced());
    await post("journalentry", { Id: "1", SyncToken: "0", sparse: true, PrivateNote: "edited" });
    const stale = await post("journalentry", { Id: "1", SyncToken: "0", sparse: true, PrivateNote: "late" });
    expect(stale.status).toBe(400);
    expect(firstError(stale.body)).toMatchObject({ code: "5010", Message: "Stale Object Error" });
    const missing = await post("journalentry", { Id: "1", sparse: true, PrivateNote: "late" });
    expect(firstError(missing.body)).toMatchObject({ code: "2020", element: "SyncToken" });
    expect((await sandbox.records("JournalEntry"))[0]?.PrivateNote).toBe("edited");
  });

  it("validates the result of a sparse update", async () => {
    await post("journalentry", balanced());
    const { body } = await post("journalentry", {
      Id: "1",
      SyncToken: "0",
      sparse: true,
      Line: [line("Debit", 3)],
    });
    expect(firstError(body).code).toBe("6000");
  });

  it("deletes with operation=delete; the object is then not found (610)", async () => {
    await post("journalentry", balanced());
    const deleted = await post("journalentry?operation=delete", { Id: "1", SyncToken: "0" });
    expect(deleted.body.JournalEntry).toEqual({ Id: "1", domain: "QBO", status: "Deleted" });
    expect(firstError((await sandbox.api("journalentry/1", { token })).body)).toMatchObject({ code: "610" });
    expect(
      firstError((await post("journalentry", { Id: "1", SyncToken: "0", sparse: true })).body).code,
    ).toBe("610");
    expect(await sandbox.records("JournalEntry")).toEqual([]);
  });
});

describe("requestid", () => {
  it("replays the first answer of a write, status and body, without a second object", async () => {
    const first = await post("journalentry?requestid=abc", balanced());
    sandbox.time.advance(60_000);
    const again = await post("journalentry?requestid=abc", balanced({ DocNumber: "T-9" }));
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect(await sandbox.records("JournalEntry")).toHaveLength(1);
    const other = await post("journalentry?requestid=def", balanced());
    expect(other.body.JournalEntry.Id).toBe("2");
  });

  it("does not replay a refusal: the fixed request goes through", async () => {
    const refused = await post(
      "journalentry?requestid=abc",
      journal([line("Debit", 1), line("Credit", 2, "23")]),
    );
    expect(refused.status).toBe(400);
    const fixed = await post("journalentry?requestid=abc", balanced());
    expect(fixed.status).toBe(200);
  });

  it("refuses a requestid longer than 50 characters", async () => {
    const { status, body } = await post(`journalentry?requestid=${"r".repeat(51)}`, balanced());
    expect(status).toBe(400);
    expect(firstError(body).element).toBe("requestid");
  });
});

describe("sales and refund receipts", () => {
  it("totals the lines and taxes, deposits to Undeposited Funds by default and adds QuickBooks' subtotal line", async () => {
    const { status, body } = await post(
      "salesreceipt",
      receipt([itemLine("1", 10, { Qty: 2, UnitPrice: 5 }), itemLine("8", -1)], {
        ClassRef: { value: "2" },
        TxnTaxDetail: {
          TotalTax: 1.17,
          TaxLine: [
            { Amount: 1.17, DetailType: "TaxLineDetail", TaxLineDetail: { TaxRateRef: { value: "1" } } },
          ],
        },
        TotalAmt: 10.17,
      }),
    );
    expect(status).toBe(200);
    expect(body.SalesReceipt).toMatchObject({
      TotalAmt: 10.17,
      Balance: 0,
      ClassRef: { value: "2", name: "Plateau" },
      DepositToAccountRef: { value: "4", name: "Undeposited Funds" },
      Line: [
        {
          Id: "1",
          LineNum: 1,
          SalesItemLineDetail: { ItemRef: { value: "1", name: "Espresso drinks" }, Qty: 2, UnitPrice: 5 },
        },
        { Id: "2", LineNum: 2, Amount: -1 },
        { Amount: 9, DetailType: "SubTotalLineDetail" },
      ],
      TxnTaxDetail: {
        TotalTax: 1.17,
        TaxLine: [{ TaxLineDetail: { TaxRateRef: { value: "1", name: "HST ON" }, TaxPercent: 13 } }],
      },
    });
  });

  it("refuses totals that do not add up, a negative total, and Qty × UnitPrice that is not the amount", async () => {
    const total = await post("salesreceipt", receipt([itemLine("1", 10)], { TotalAmt: 11 }));
    expect(firstError(total.body)).toMatchObject({ code: "6000", element: "TotalAmt" });
    const negative = await post("salesreceipt", receipt([itemLine("1", 5), itemLine("9", -8)]));
    expect(firstError(negative.body).Detail).toContain("Record a refund receipt instead.");
    const product = await post("salesreceipt", receipt([itemLine("1", 10, { Qty: 3, UnitPrice: 3.33 })]));
    expect(firstError(product.body).Detail).toBe(
      "Business Validation Error: Amount is not equal to UnitPrice * Qty. Supplied value:10.00",
    );
    const taxes = await post(
      "salesreceipt",
      receipt([itemLine("1", 10)], {
        TxnTaxDetail: {
          TotalTax: 2,
          TaxLine: [
            { Amount: 1.3, DetailType: "TaxLineDetail", TaxLineDetail: { TaxRateRef: { value: "1" } } },
          ],
        },
      }),
    );
    expect(firstError(taxes.body)).toMatchObject({ code: "6000", element: "TxnTaxDetail.TotalTax" });
    expect(await sandbox.records("SalesReceipt")).toEqual([]);
  });

  it("refuses unknown or inactive items, and a deposit into an account that cannot take one", async () => {
    const item = await post("salesreceipt", receipt([itemLine("14", 10)]));
    expect(firstError(item.body)).toMatchObject({
      code: "2500",
      element: "Line.SalesItemLineDetail.ItemRef",
    });
    const deposit = await post(
      "salesreceipt",
      receipt([itemLine("1", 10)], { DepositToAccountRef: { value: "14" } }),
    );
    expect(firstError(deposit.body)).toMatchObject({ code: "6000", element: "DepositToAccountRef" });
  });

  it("records refund receipts in their own list", async () => {
    const { status, body } = await post(
      "refundreceipt",
      receipt([itemLine("9", 20)], { DepositToAccountRef: { value: "1" } }),
    );
    expect(status).toBe(200);
    expect(body.RefundReceipt).toMatchObject({
      TotalAmt: 20,
      DepositToAccountRef: { value: "1", name: "Chequing" },
    });
    expect(await sandbox.records("RefundReceipt")).toHaveLength(1);
    expect(await sandbox.records("SalesReceipt")).toEqual([]);
  });
});

describe("tokens and companies", () => {
  it("answers 401 without a valid token and 403 with another company's", async () => {
    const none = await sandbox.api("journalentry/1", { token: "nope" });
    expect(none.status).toBe(401);
    expect(none.body.Fault).toMatchObject({ type: "AUTHENTICATION", Error: [{ code: "3200" }] });
    const other = await sandbox.api("query?query=select%20*%20from%20Account", {
      token,
      realmId: MAPLE_BAKERY_BOOKS.realmId,
    });
    expect(other.status).toBe(403);
    expect(other.body.Fault.type).toBe("AuthorizationFault");
    sandbox.time.advance(3_600_000);
    expect((await sandbox.api("journalentry/1", { token })).status).toBe(401);
  });

  it("names the company in CompanyInfo", async () => {
    const { body } = await sandbox.api(`companyinfo/${DEMO}`, { token });
    expect(body.CompanyInfo).toMatchObject({ CompanyName: "Demo Coffee Books", Country: "CA" });
  });
});

describe("queries", () => {
  const records = async (text: string) => (await sandbox.query(text, DEMO, token)).body.QueryResponse;

  it("pages with STARTPOSITION and MAXRESULTS and lists only active entries unless asked", async () => {
    expect(await records("select * from Account STARTPOSITION 11 MAXRESULTS 5")).toMatchObject({
      startPosition: 11,
      maxResults: 5,
      Account: [{ Id: "11" }, { Id: "12" }, { Id: "13" }, { Id: "14" }, { Id: "15" }],
    });
    expect((await records("select count(*) from Account")).totalCount).toBe(31);
    expect((await records("select count(*) from Account where Active IN (true, false)")).totalCount).toBe(32);
    expect((await records("select * from Account")).Account).toHaveLength(31);
  });

  it("filters with =, IN and LIKE, and selects fields", async () => {
    expect((await records("select * from Item where Id = '3'")).Item).toMatchObject([{ Name: "Pastries" }]);
    expect(
      (await records("SELECT * FROM Vendor WHERE Id IN ('1', '4')")).Vendor.map(
        (v: { DisplayName: string }) => v.DisplayName,
      ),
    ).toEqual(["Canada Revenue Agency", "Moneris"]);
    expect(
      (await records("select * from Account where Name like 'Sales -%' and AccountType = 'Income'")).Account,
    ).toHaveLength(7);
    expect((await records("select Id, Name from Class where Name = 'Gastown'")).Class).toEqual([
      { Id: "3", Name: "Gastown", domain: "QBO", sparse: true },
    ]);
    expect(await records("select * from JournalEntry")).toEqual({});
  });

  it("refuses what it cannot parse (4000) and entities it does not know (4001)", async () => {
    const parse = await sandbox.query("select * form Account", DEMO, token);
    expect(parse.status).toBe(400);
    expect(firstError(parse.body)).toMatchObject({ code: "4000", Message: "Error parsing query" });
    const entity = await sandbox.query("select * from Invoice", DEMO, token);
    expect(firstError(entity.body).code).toBe("4001");
  });
});

describe("limits and faults", () => {
  it(`allows ${QBO_REQUESTS_PER_MINUTE} requests a minute per company, then 429 with Retry-After`, async () => {
    const ask = (realmId = DEMO, bearer = token) =>
      sandbox.app.request(`http://pos.test/sandbox/qbo/v3/company/${realmId}/companyinfo/${realmId}`, {
        headers: { Authorization: `Bearer ${bearer}` },
      });
    for (let i = 0; i < QBO_REQUESTS_PER_MINUTE; i++) expect((await ask()).status).toBe(200);
    const refused = await ask();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toBe("60");
    expect(((await refused.json()) as Record<string, any>).Fault.type).toBe("ThrottleExceeded");
    // Another company has its own minute.
    const maple = (await sandbox.connect(MAPLE_BAKERY_BOOKS.realmId)).access_token;
    expect((await ask(MAPLE_BAKERY_BOOKS.realmId, maple)).status).toBe(200);
    sandbox.time.advance(60_000);
    expect((await ask()).status).toBe(200);
  });

  it("answers fault orders for qbo in QuickBooks' shapes", async () => {
    sandbox.faults.order({ target: "qbo", fault: "500", count: 1 });
    sandbox.faults.order({ target: "qbo", fault: "429", count: 1, delayMs: 3_000 });
    sandbox.faults.order({ target: "qbo", fault: "slow", count: 1, delayMs: 45_000 });
    const failed = await sandbox.api(`companyinfo/${DEMO}`, { token });
    expect(failed.status).toBe(500);
    expect(failed.body.Fault.type).toBe("SystemFault");
    const throttled = await sandbox.api(`companyinfo/${DEMO}`, { token });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("Retry-After")).toBe("3");
    expect((await sandbox.api(`companyinfo/${DEMO}`, { token })).status).toBe(200);
    expect(sandbox.slowWaits).toEqual([45_000]);
  });
});

describe.skipIf(!qboSpecAvailable)(
  `answers against the XSD${qboSpecAvailable ? "" : ` (skipped: the QuickBooks XSD is not in ${QBO_XSD_DIR})`}`,
  () => {
    it("lists and posted transactions use the schema's elements and types", async () => {
      const schema = loadQboSchema();
      await post("journalentry", balanced({ PrivateNote: "x" }));
      await post(
        "salesreceipt",
        receipt([itemLine("1", 10, { ClassRef: { value: "1" } })], {
          TxnTaxDetail: {
            TotalTax: 1.3,
            TaxLine: [
              { Amount: 1.3, DetailType: "TaxLineDetail", TaxLineDetail: { TaxRateRef: { value: "1" } } },
            ],
          },
        }),
      );
      const problems: string[] = [];
      for (const entity of [
        "Account",
        "Item",
        "TaxCode",
        "TaxRate",
        "Class",
        "Vendor",
        "JournalEntry",
        "SalesReceipt",
      ]) {
        const transaction = entity === "JournalEntry" || entity === "SalesReceipt";
        const found = await sandbox.records(entity, transaction ? "" : "Active IN (true, false)");
        expect(found.length).toBeGreaterThan(0);
        for (const record of found) problems.push(...schema.check(entity, record));
      }
      expect(problems).toEqual([]);
    });
  },
);
