// Engine documents for the sandbox company Demo Coffee Books (server/sandbox/qbo/companies.ts): the
// example day (tests/fixtures) generated with mappings onto the company's account, item, tax code, class
// and vendor ids, for each posting method, and a day whose returns exceed its sales.
import { generate } from "../../../../shared/engine/generate";
import type { JournalDocument, ReceiptDocument } from "../../../../shared/engine/types";
import type { Mapping } from "../../../../shared/schemas/mapping";
import type { PosDay } from "../../../../shared/schemas/posDay";
import { cash, day, item, sale, visa } from "../../../support/days";
import { documentOf, exampleDay } from "../../../support/examples";

const account = (id: string) => ({ account: id });
const qboItem = (id: string) => ({ item: id });

/** Demo Coffee Books ids (companies.ts). */
export const DEMO_IDS = {
  undepositedFunds: "4",
  cardClearing: "5",
  cashInDrawer: "6",
  storeAccounts: "7",
  inventory: "8",
  accountsPayable: "9",
  receivedNotBilled: "10",
  gstHst: "11",
  pstBc: "13",
  giftCards: "14",
  tips: "15",
  salesBeans: "21",
  salesMerch: "22",
  salesOther: "23",
  discounts: "24",
  returns: "25",
  rounding: "26",
  cogs: "27",
  payouts: "28",
  paidIns: "29",
  overShort: "30",
  inactiveSales: "32",
  queenSt: "1",
  cra: "1",
  ministerBc: "3",
  pilotCoffee: "5",
  taxGst: "2",
  taxGstPstBc: "5",
} as const;

/** The journal entry method over the example day: every section mapped to an account. */
export function journalMapping(change: (mapping: Mapping) => void = () => {}): Mapping {
  const ids = DEMO_IDS;
  const mapping: Mapping = {
    version: 1,
    postingMethod: "journal_entry",
    settings: {
      trackSalesTaxInLedger: false,
      bookInventoryCogs: true,
      combineCreditCards: true,
      tolerance: "0.05",
    },
    sales: {
      all: account(ids.salesOther),
      byCategory: { c1: account(ids.salesMerch), c2: account(ids.salesBeans) },
      byItem: {},
    },
    discounts: { all: account(ids.discounts), byDiscount: {}, returns: account(ids.returns) },
    otherCharges: {
      byTax: {
        t1: { ...account(ids.gstHst), vendor: ids.cra },
        t2: { ...account(ids.pstBc), vendor: ids.ministerBc },
      },
      giftCards: account(ids.giftCards),
      tips: account(ids.tips),
      creditAccount: account(ids.storeAccounts),
    },
    taxes: { byTax: {} },
    payments: { allCreditCards: account(ids.cardClearing), byType: {} },
    cashDrawer: {
      deposit: account(ids.undepositedFunds),
      cashInDrawer: account(ids.cashInDrawer),
      payouts: account(ids.payouts),
      paidIns: account(ids.paidIns),
      overShort: account(ids.overShort),
    },
    inventory: { all: { inventory: account(ids.inventory), cogs: account(ids.cogs) }, byCategory: {} },
    purchaseOrders: { inventory: account(ids.inventory), offset: account(ids.receivedNotBilled) },
    rounding: account(ids.rounding),
    classes: { "store-1": ids.queenSt },
  };
  change(mapping);
  return mapping;
}

/** A receipt method: sales, returns and discounts on items; the rest stays on accounts. */
export function receiptMapping(
  method: "summary_sales_receipt" | "itemized_sales_receipt",
  change: (mapping: Mapping) => void = () => {},
): Mapping {
  return journalMapping((mapping) => {
    mapping.postingMethod = method;
    mapping.sales = {
      all: qboItem("7"),
      byCategory: { c1: qboItem("6"), c2: qboItem("5") },
      byItem: method === "itemized_sales_receipt" ? { i1: qboItem("6"), i2: qboItem("6") } : {},
    };
    mapping.discounts = { all: qboItem("8"), byDiscount: {}, returns: qboItem("9") };
    change(mapping);
  });
}

/** GST and PST tracked as QuickBooks tax codes: GST on its own code, PST on the combined GST/PST BC. */
export const trackedTaxes = (mapping: Mapping) => {
  mapping.settings.trackSalesTaxInLedger = true;
  mapping.taxes = { byTax: { t1: { taxCode: DEMO_IDS.taxGst }, t2: { taxCode: DEMO_IDS.taxGstPstBc } } };
};

export function journalDocument(
  kind: JournalDocument["kind"],
  mapping = journalMapping(),
  posDay = exampleDay(),
) {
  return documentOf(generate(posDay, mapping), kind);
}

export function receiptDocument(mapping: Mapping, posDay: PosDay = exampleDay()): ReceiptDocument {
  return documentOf(generate(posDay, mapping), "sales_receipt");
}

/** 45.00 of returns refunded (30.00 in cash, 15.00 to the card) against a 10.00 sale: the day is a refund. */
export function refundDay(): PosDay {
  return day([
    sale([item("10.00", { categoryId: "c2", itemId: "i2" })], [visa("10.00")], { total: "10.00" }),
    sale([item("-45.00")], [cash("-30.00"), visa("-15.00")], { total: "-45.00" }),
  ]);
}
