// The small rules of the QuickBooks adapter: DocNumbers, requestids, how posted objects are recorded,
// and amounts at the wire edge.
import { describe, expect, it } from "vitest";
import { Decimal } from "../../../../shared/money";
import { formatLedgerId, parseLedgerId } from "../../../../server/ledger/qbo/ledgerIds";
import { DOC_CODES, docNumberOf, MAX_DOC_NUMBER, requestIdOf } from "../../../../server/ledger/qbo/naming";
import { wireAmount } from "../../../../server/ledger/qbo/wire";
import { journalDocument, receiptDocument, receiptMapping } from "./documents";

describe("DocNumber", () => {
  it("is the date, the store and the object, within QuickBooks' 21 characters", async () => {
    const document = journalDocument("cogs");
    expect(await docNumberOf(document, DOC_CODES.cogs)).toBe("DB261120-store-1-CG");
    const long = { ...document, storeId: "0f8fad5b-d9cb-469f-a165-70867728950e" };
    const number = await docNumberOf(long, DOC_CODES.settlement);
    expect(number).toMatch(/^DB261120-[0-9a-f]{6}-ST$/);
    expect(number.length).toBeLessThanOrEqual(MAX_DOC_NUMBER);
    expect(await docNumberOf(long, DOC_CODES.settlement)).toBe(number);
  });
});

describe("requestid", () => {
  it("is the idempotency key, with what is written when one post writes several objects", async () => {
    expect(await requestIdOf("0123456789abcdef")).toBe("0123456789abcdef");
    expect(await requestIdOf("0123456789abcdef", "settlement")).toBe("0123456789abcdef:settlement");
  });

  it("is a hash of 40 hex digits beyond 50 characters, the same for the same write", async () => {
    const key = "f".repeat(40);
    const id = await requestIdOf(key, "settlement", "145v3");
    expect(id).toMatch(/^[0-9a-f]{40}$/);
    expect(await requestIdOf(key, "settlement", "145v3")).toBe(id);
    expect(await requestIdOf(key, "settlement", "145v4")).not.toBe(id);
  });
});

describe("ledger ids", () => {
  it("records a journal as its JournalEntry's Id and SyncToken", () => {
    const recorded = formatLedgerId(journalDocument("cogs"), [
      { entity: "JournalEntry", id: "145", syncToken: "2" },
    ]);
    expect(recorded).toEqual({ ledgerId: "145", syncToken: "2" });
    expect(parseLedgerId("145", "2")).toEqual([{ entity: "JournalEntry", id: "145", syncToken: "2" }]);
    expect(parseLedgerId("145", null)).toEqual([{ entity: "JournalEntry", id: "145" }]);
  });

  it("records a receipt's objects with their types, in order", () => {
    const receipt = receiptDocument(receiptMapping("summary_sales_receipt"));
    const recorded = formatLedgerId(receipt, [
      { entity: "RefundReceipt", id: "12", syncToken: "0" },
      { entity: "JournalEntry", id: "13", syncToken: "4" },
    ]);
    expect(recorded).toEqual({ ledgerId: "RefundReceipt:12+JournalEntry:13", syncToken: "0+4" });
    expect(parseLedgerId(recorded.ledgerId, recorded.syncToken)).toEqual([
      { entity: "RefundReceipt", id: "12", syncToken: "0" },
      { entity: "JournalEntry", id: "13", syncToken: "4" },
    ]);
    expect(() => parseLedgerId("Invoice:12", "0")).toThrow("Invoice:12 is not a QuickBooks ledger id");
  });
});

describe("amounts on the wire", () => {
  it("become JSON numbers that read back as the same decimals", () => {
    for (const amount of ["0.10", "0.30", "12.30", "1234567.89", "-45.00", "9999999999999.99"]) {
      const text = JSON.stringify({ Amount: wireAmount(amount) });
      const read = (JSON.parse(text) as { Amount: number }).Amount;
      expect(new Decimal(String(read)).equals(new Decimal(amount))).toBe(true);
    }
    expect(JSON.stringify(wireAmount("0.30"))).toBe("0.3");
    expect(() => wireAmount("12345678901234.567")).toThrow(RangeError);
  });
});
