import { type Decimal, ZERO } from "../money";
import type { Target } from "../schemas/mapping";
import { SECTIONS, type Section } from "./types";

/** One aggregated amount of a document: debit positive, credit negative. */
export interface Posting {
  section: Section;
  /** What the amount comes from (`category:12`, `all_sales`, `register:3:payouts`): the aggregation key. */
  source: string;
  description: string;
  target: Target;
  vendor?: string;
  amount: Decimal;
  quantity?: Decimal;
}

export function targetKey(target: Target): string {
  return target.account !== undefined ? `account:${target.account}` : `item:${target.item}`;
}

/** Only the account or item of a mapped target (mapping entries may carry a vendor beside it). */
export function plainTarget(target: Target): Target {
  return target.account !== undefined ? { account: target.account } : { item: target.item as string };
}

const sectionRank = new Map<Section, number>(SECTIONS.map((section, index) => [section, index]));

/** Accumulates signed amounts per (section, source, target, vendor) and lists them in a stable order, so
 *  the documents do not depend on the order in which the POS returned the sales. */
export class PostingBook {
  private readonly entries = new Map<string, Posting>();

  add(
    section: Section,
    source: string,
    description: string,
    target: Target,
    amount: Decimal,
    extra: { vendor?: string; quantity?: Decimal } = {},
  ): void {
    const key = `${section}|${source}|${targetKey(target)}|${extra.vendor ?? ""}`;
    const entry = this.entries.get(key);
    if (!entry) {
      this.entries.set(key, {
        section,
        source,
        description,
        target: plainTarget(target),
        amount,
        ...(extra.vendor !== undefined && { vendor: extra.vendor }),
        ...(extra.quantity !== undefined && { quantity: extra.quantity }),
      });
      return;
    }
    entry.amount = entry.amount.plus(amount);
    if (extra.quantity !== undefined) entry.quantity = (entry.quantity ?? ZERO).plus(extra.quantity);
    // A renamed category can show two names in one day; keep the same one whatever the sale order.
    if (description < entry.description) entry.description = description;
  }

  /** Non-zero postings, ordered by section, then source, then target. */
  list(): Posting[] {
    return [...this.entries.values()]
      .filter((posting) => !posting.amount.isZero())
      .sort(
        (a, b) =>
          (sectionRank.get(a.section) ?? 0) - (sectionRank.get(b.section) ?? 0) ||
          compare(a.source, b.source) ||
          compare(targetKey(a.target), targetKey(b.target)) ||
          compare(a.vendor ?? "", b.vendor ?? ""),
      );
  }

  total(section?: Section): Decimal {
    let total = ZERO;
    for (const posting of this.entries.values())
      if (!section || posting.section === section) total = total.plus(posting.amount);
    return total;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
