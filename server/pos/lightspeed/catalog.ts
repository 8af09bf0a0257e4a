// Lightspeed catalog records -> the mapping screens' catalog entries (shared/api.ts), with the ids and
// names toPosDay gives the same records, so that a mapping keyed by these ids matches generated days.
// Pure: the client fetches, this converts, filters and sorts.
import type { CatalogEntry } from "../../../shared/api";
import { Decimal } from "../../../shared/money";
import type { LsCategory, LsDiscount, LsItem, LsPaymentType, LsTaxCategory } from "./resources";
import { itemNameOf, paymentKindOf, TAX_SLOTS, taxIdOf, taxNameOf } from "./toPosDay";

export const categoryEntry = (category: LsCategory): CatalogEntry => ({
  id: category.categoryID,
  name: category.name,
});

export const discountEntry = (discount: LsDiscount): CatalogEntry => ({
  id: discount.discountID,
  name: discount.name,
});

export const paymentTypeEntry = (type: LsPaymentType): CatalogEntry => ({
  id: type.paymentTypeID,
  name: type.name,
  kind: paymentKindOf(type.type),
});

export const itemEntry = (item: LsItem): CatalogEntry => ({
  id: item.itemID,
  name: itemNameOf(item),
  categoryId: item.categoryID,
});

/** A TaxCategory's taxes: its first always, its second when it has a name or a rate. */
export function taxEntries(category: LsTaxCategory): CatalogEntry[] {
  return TAX_SLOTS.flatMap((slot) => {
    const name = slot === 1 ? category.tax1Name : category.tax2Name;
    const rate = slot === 1 ? category.tax1Rate : category.tax2Rate;
    if (slot === 2 && !name && new Decimal(rate).isZero()) return [];
    return [{ id: taxIdOf(category.taxCategoryID, slot), name: taxNameOf(category, slot), rate }];
  });
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** The entries whose name contains `search` (ignoring case), by name then id. */
export function searchedByName(entries: CatalogEntry[], search: string | undefined): CatalogEntry[] {
  const needle = search?.trim().toLowerCase();
  const found = needle ? entries.filter((entry) => entry.name.toLowerCase().includes(needle)) : entries;
  return [...found].sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.id, b.id));
}

/** A `~` (LIKE) filter value matching the text anywhere, its own `%`, `_` and `\` taken literally. */
export function containsPattern(text: string): string {
  return `~,%${text.replace(/[\\%_]/g, "\\$&")}%`;
}
