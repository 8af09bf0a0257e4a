// The day's documents added up the way the POS adds up its day (DayTotals), so the Accounting tab can
// show both side by side and a mismatch is visible: sales net of returns, discounts, tax, payments
// (cash included) and cost of goods sold.
import { type AccountingDocument, type DayTotals, isReceipt, type Section } from "./engine/types";
import { Decimal as D, type Decimal, minorUnits, toMoneyString, ZERO } from "./money";

export const COMPARED_TOTALS = ["sales", "discounts", "tax", "payments", "cogs"] as const;
export type ComparedTotal = (typeof COMPARED_TOTALS)[number];

export interface TotalComparison {
  name: ComparedTotal;
  pos: string;
  documents: string;
  /** documents − pos; "0.00" when they agree. */
  difference: string;
}

/** What the POS says, per compared total. */
function posFigures(totals: DayTotals): Record<ComparedTotal, Decimal> {
  return {
    sales: new D(totals.grossSales).minus(totals.returns),
    discounts: new D(totals.discounts),
    tax: new D(totals.tax),
    payments: new D(totals.payments),
    cogs: new D(totals.cogs),
  };
}

/** What the documents book, per compared total. */
function documentFigures(documents: readonly AccountingDocument[]): Record<ComparedTotal, Decimal> {
  const figures: Record<ComparedTotal, Decimal> = {
    sales: ZERO,
    discounts: ZERO,
    tax: ZERO,
    payments: ZERO,
    cogs: ZERO,
  };
  const add = (name: ComparedTotal, amount: string | Decimal) => (figures[name] = figures[name].plus(amount));
  const receipt = documents.some(isReceipt);
  for (const document of documents) {
    if (isReceipt(document)) {
      for (const line of document.lines) {
        if (line.section === "sales" || line.section === "returns") add("sales", line.amount);
        else if (line.section === "discounts") add("discounts", new D(line.amount).negated());
        else if (line.section === "taxes") add("tax", line.amount);
      }
      for (const tax of document.taxes) add("tax", tax.amount);
      // A receipt's payments include its cash; its cash drawer journal only moves that cash on.
      for (const payment of document.payments) add("payments", payment.amount);
      continue;
    }
    if (document.kind === "cogs") {
      // Each category books a pair, its cost of goods sold then its inventory (lines are ordered by
      // source, and "<category>:cogs" sorts before "<category>:inventory"): the first of each pair
      // is the cost, a credit when the day's refunds outweigh its sales.
      document.lines.forEach((line, index) => {
        if (index % 2 === 0) add("cogs", line.side === "debit" ? line.amount : new D(line.amount).negated());
      });
      continue;
    }
    for (const line of document.lines) {
      // Credits are positive for what was sold, debits for what was paid or given away.
      const credit = line.side === "credit" ? new D(line.amount) : new D(line.amount).negated();
      const section: Section = line.section;
      if (section === "sales" || section === "returns") add("sales", credit);
      else if (section === "discounts") add("discounts", credit.negated());
      else if (section === "taxes") add("tax", credit);
      // In a sales journal the drawer's lines net to the cash taken: deposit + payouts − paid-ins ± over/short.
      else if (section === "payments" || (section === "cash_drawer" && !receipt))
        add("payments", credit.negated());
    }
  }
  return figures;
}

export function compareTotals(
  totals: DayTotals,
  documents: readonly AccountingDocument[],
): TotalComparison[] {
  const units = minorUnits(totals.currency);
  const pos = posFigures(totals);
  const booked = documentFigures(documents);
  return COMPARED_TOTALS.map((name) => ({
    name,
    pos: toMoneyString(pos[name], units),
    documents: toMoneyString(booked[name], units),
    difference: toMoneyString(booked[name].minus(pos[name]), units),
  }));
}
