import { describe, expect, it } from "vitest";
import { registerFigures } from "../../../shared/engine/cashDrawer";
import { generate } from "../../../shared/engine/generate";
import { cash, day, item, mappingWith, register, sale } from "../../support/days";
import { documentOf, journalRows } from "../../support/examples";

/** A 30.00 cash refund and a 10.00 payout, no cash sales: deposit = -30 - 10 = -40. */
const refundAndPayout = () =>
  day([sale([item("-30.00")], [cash("-30.00")])], {
    registers: [
      register({
        cashPayments: "-30.00",
        payouts: [{ amount: "10.00", reason: "Stamps" }],
        counted: "60.00",
      }),
    ],
  });

describe("cash drawer", () => {
  it("computes expected and over/short per register from its own figures", () => {
    // expected = 150 + 80.25 + 5 - 12.75 = 222.50; counted 223.00 -> over 0.50
    const figures = registerFigures(
      register({
        openingFloat: "150.00",
        cashPayments: "80.25",
        paidIns: ["5.00"],
        payouts: [{ amount: "12.75", reason: "Coffee" }],
        counted: "223.00",
      }),
    );
    expect(figures.expected.toFixed(2)).toBe("222.50");
    expect(figures.overShort.toFixed(2)).toBe("0.50");
  });

  it("books an over as a credit and deposits the counted cash", () => {
    // Cash sale 80.25; register counted 0.50 over: deposit = 80.25 - 12.75 + 5 + 0.50 = 73.00
    const result = generate(
      day([sale([item("80.25")], [cash("80.25")])], {
        registers: [
          register({
            openingFloat: "150.00",
            cashPayments: "80.25",
            paidIns: ["5.00"],
            payouts: [{ amount: "12.75", reason: "Coffee" }],
            counted: "223.00",
          }),
        ],
      }),
      mappingWith(() => {}),
    );
    expect(journalRows(documentOf(result, "journal_entry"))).toEqual([
      ["4010", "credit", "80.25"],
      ["1010", "debit", "73.00"],
      ["6150", "credit", "0.50"],
      ["6110", "credit", "5.00"],
      ["6100", "debit", "12.75"],
    ]);
  });

  it("with no register data, deposits the day's cash payments", () => {
    const result = generate(
      day([sale([item("20.00")], [cash("20.00")])]),
      mappingWith(() => {}),
    );
    expect(journalRows(documentOf(result, "journal_entry"))).toEqual([
      ["4010", "credit", "20.00"],
      ["1010", "debit", "20.00"],
    ]);
  });

  it("sends a negative deposit to Cash in Drawer (journal entry)", () => {
    const result = generate(
      refundAndPayout(),
      mappingWith(() => {}),
    );
    expect(journalRows(documentOf(result, "journal_entry"))).toEqual([
      ["4950", "debit", "30.00"],
      ["1020", "credit", "40.00"],
      ["6100", "debit", "10.00"],
    ]);
  });

  it("sends a negative deposit to Cash in Drawer (receipt methods: the receipt's cash is taken back out)", () => {
    const result = generate(
      refundAndPayout(),
      mappingWith((mapping) => (mapping.postingMethod = "summary_invoice")),
    );
    expect(
      documentOf(result, "invoice").payments.map((payment) => [payment.target.account, payment.amount]),
    ).toEqual([["1010", "-30.00"]]);
    expect(journalRows(documentOf(result, "cash_drawer"))).toEqual([
      ["1020", "credit", "40.00"],
      ["1010", "debit", "30.00"],
      ["6100", "debit", "10.00"],
    ]);
  });

  it("has no cash drawer journal on receipt methods when the drawer did nothing but take the cash", () => {
    const result = generate(
      day([sale([item("20.00")], [cash("20.00")])], {
        registers: [register({ cashPayments: "20.00", counted: "120.00" })],
      }),
      mappingWith((mapping) => {
        mapping.postingMethod = "summary_invoice";
        mapping.settings.bookInventoryCogs = false;
      }),
    );
    expect(result.documents.map((document) => document.kind)).toEqual(["invoice"]);
  });
});
