// The mapping being edited: a fresh one to start from, reading and writing a target by its path
// ("sales.byCategory.12"), and which POS entries a section leaves unmapped.
import type { CatalogEntry } from "../../../shared/api";
import type { Mapping, PostingMethod, Target } from "../../../shared/schemas/mapping";

export type Path = readonly string[];

/** A mapping with nothing mapped: the journal entry method, taxes as other charges, no COGS. */
export function blankMapping(): Mapping {
  return {
    version: 1,
    postingMethod: "journal_entry",
    settings: {
      trackSalesTaxInLedger: false,
      bookInventoryCogs: false,
      combineCreditCards: true,
      tolerance: "0.00",
    },
    sales: { byCategory: {}, byItem: {} },
    discounts: { byDiscount: {} },
    otherCharges: { byTax: {} },
    taxes: { byTax: {} },
    payments: { byType: {} },
    // The cash drawer's targets are required by Mapping v1: empty until picked, refused on save.
    cashDrawer: {
      deposit: { account: "" },
      cashInDrawer: { account: "" },
      payouts: { account: "" },
      overShort: { account: "" },
    },
    inventory: { byCategory: {} },
    classes: {},
  };
}

export function getAt(mapping: Mapping, path: Path): unknown {
  let node: unknown = mapping;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A copy of `mapping` with `value` at `path` (deleted when undefined); missing objects are created. */
export function setAt(mapping: Mapping, path: Path, value: unknown): Mapping {
  const copy = structuredClone(mapping) as unknown as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy as unknown as Mapping;
}

/** A target's id, whichever of account or item it is. */
export function targetId(target: unknown): string | undefined {
  const value = target as (Partial<Target> & { taxCode?: string }) | undefined;
  return value?.account || value?.item || value?.taxCode || undefined;
}

/** Drops what a cleared picker leaves behind (a category's empty inventory entry, a half-cleared
 *  purchase orders pair stays for the schema to name), so the draft saves as Mapping v1. */
export function prune(mapping: Mapping): Mapping {
  const byCategory = Object.fromEntries(
    Object.entries(mapping.inventory.byCategory).filter(([, entry]) => Object.keys(entry).length > 0),
  );
  return { ...mapping, inventory: { ...mapping.inventory, byCategory } };
}

/** QuickBooks sales receipts sell items: their sales and discounts map to items, all else to accounts. */
export function salesTargetKind(method: PostingMethod): "item" | "account" {
  return method === "summary_sales_receipt" || method === "itemized_sales_receipt" ? "item" : "account";
}

/** The methods each ledger posts (DESIGN §5; Xero's summary is an invoice). */
export const METHODS_BY_LEDGER: Record<string, PostingMethod[]> = {
  qbo: ["journal_entry", "summary_sales_receipt", "itemized_sales_receipt"],
  xero: ["journal_entry", "summary_invoice"],
};

/** The entries of `catalog` with no target under `record`. */
export function unmapped(catalog: readonly CatalogEntry[], record: Record<string, unknown> | undefined) {
  return catalog.filter((entry) => targetId(record?.[entry.id]) === undefined);
}
