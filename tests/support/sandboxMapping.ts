// A Mapping v1 that covers the sandbox merchants' catalogs (server/sandbox/pos/catalog.ts): every
// category, every province's taxes (ids "<taxCategoryID>-tax1|2"), gift cards, tips, credit accounts,
// cards combined, the cash drawer, inventory and purchase orders. No tolerance: sandbox days balance to
// the cent.
import { catalogOf, PROVINCES } from "../../server/sandbox/pos/catalog";
import { SANDBOX_MERCHANTS } from "../../server/sandbox/pos/roster";
import type { Mapping } from "../../shared/schemas/mapping";

const account = (id: string) => ({ account: id });

const categoryIds = [
  ...new Set(
    SANDBOX_MERCHANTS.flatMap((m) => catalogOf(m.accountID)?.categories.map((c) => c.categoryID) ?? []),
  ),
];

export function sandboxMapping(overrides: Partial<Mapping> = {}): Mapping {
  return {
    version: 1,
    postingMethod: "journal_entry",
    settings: {
      trackSalesTaxInLedger: false,
      bookInventoryCogs: true,
      combineCreditCards: true,
      tolerance: "0.00",
    },
    sales: {
      byCategory: Object.fromEntries(categoryIds.map((id) => [id, account(`40${id.padStart(2, "0")}`)])),
      byItem: {},
    },
    discounts: { all: account("4900"), byDiscount: {}, returns: account("4950") },
    otherCharges: {
      byTax: Object.fromEntries(
        PROVINCES.flatMap((province) => [
          [
            `${province.taxCategoryID}-tax1`,
            { ...account(`23${province.taxCategoryID}1`), vendor: "Tax agency" },
          ],
          [
            `${province.taxCategoryID}-tax2`,
            { ...account(`23${province.taxCategoryID}2`), vendor: "Tax agency" },
          ],
        ]),
      ),
      giftCards: account("2400"),
      tips: account("2450"),
      creditAccount: account("1250"),
    },
    taxes: { byTax: {} },
    payments: { allCreditCards: account("1060"), byType: {} },
    cashDrawer: {
      deposit: account("1010"),
      cashInDrawer: account("1020"),
      payouts: account("6100"),
      paidIns: account("6110"),
      overShort: account("6150"),
    },
    inventory: { all: { inventory: account("1300"), cogs: account("5000") }, byCategory: {} },
    purchaseOrders: { inventory: account("1300"), offset: account("2000") },
    rounding: account("6990"),
    classes: {},
    ...overrides,
  };
}
