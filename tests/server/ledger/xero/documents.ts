// Engine documents for the sandbox's Demo Coffee Ltd: the bundled example day, its mapping moved onto
// the organisation's chart (account codes, the Gastown tracking option, a combined GST + PST rate).
import { generate } from "../../../../shared/engine/generate";
import type { JournalDocument, JournalKind, ReceiptDocument } from "../../../../shared/engine/types";
import type { Mapping, PostingMethod } from "../../../../shared/schemas/mapping";
import type { PosDay } from "../../../../shared/schemas/posDay";
import { DEMO_COFFEE_LTD } from "../../../../server/sandbox/xero/organisations";
import { exampleDay, exampleMapping } from "../../../support/examples";

/** The example mapping's accounts, and the Demo Coffee Ltd account each becomes. */
const ACCOUNTS: Record<string, string> = {
  "1010": "1010",
  "1020": "1020",
  "1060": "1060",
  "1250": "1250",
  "1300": "1300",
  "1310": "1300",
  "2000": "2010",
  "2310": "2331",
  "2320": "2332",
  "2400": "2400",
  "2450": "2450",
  "4010": "4006",
  "4020": "4003",
  "4090": "4001",
  "4910": "4900",
  "4950": "4950",
  "4980": "6990",
  "5000": "5000",
  "5010": "5000",
  "6100": "6100",
  "6110": "6110",
  "6150": "6150",
};

const location = DEMO_COFFEE_LTD.trackingCategories[0]!;
export const GASTOWN = `${location.TrackingCategoryID}/${location.Options.find((o) => o.Name === "Gastown")!.TrackingOptionID}`;
export const QUEEN_ST = `${location.TrackingCategoryID}/${location.Options.find((o) => o.Name === "Queen St")!.TrackingOptionID}`;

function moved(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(moved);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => {
      if (key !== "account") return [key, moved(entry)];
      const account = ACCOUNTS[entry as string];
      if (account === undefined) throw new Error(`no Demo Coffee Ltd account for ${String(entry)}`);
      return [key, account];
    }),
  );
}

export function xeroMapping(
  method: PostingMethod = "journal_entry",
  change: (m: Mapping) => void = () => {},
) {
  const mapping = moved(exampleMapping()) as Mapping;
  mapping.postingMethod = method;
  mapping.classes = { "store-1": GASTOWN };
  change(mapping);
  return mapping;
}

/** The mapping of a summary invoice whose GST and PST are tracked as Xero's combined GST + PST rate. */
export const trackedTaxes = (mapping: Mapping) => {
  mapping.settings.trackSalesTaxInLedger = true;
  mapping.taxes.byTax = { t1: { taxCode: "TAX006" }, t2: { taxCode: "TAX006" } };
};

export function documentsOf(mapping: Mapping, day: PosDay = exampleDay()) {
  const result = generate(day, mapping);
  if (result.status !== "ready") throw new Error(`${result.status}: ${JSON.stringify(result.problems)}`);
  return result.documents;
}

export function journalOf(kind: JournalKind, mapping = xeroMapping(), day?: PosDay): JournalDocument {
  const document = documentsOf(mapping, day).find((candidate) => candidate.kind === kind);
  if (!document) throw new Error(`no ${kind}`);
  return document as JournalDocument;
}

export function invoiceOf(mapping = xeroMapping("summary_invoice"), day?: PosDay): ReceiptDocument {
  const document = documentsOf(mapping, day).find((candidate) => candidate.kind === "invoice");
  if (!document) throw new Error("no invoice");
  return document as ReceiptDocument;
}

/** The example day with every sale turned into its refund: a day whose total is negative. */
export function refundDay(): PosDay {
  const day = exampleDay();
  const negate = (amount: string) =>
    amount.startsWith("-") ? amount.slice(1) : amount === "0.00" ? amount : `-${amount}`;
  day.sales = day.sales
    .filter((sale) => sale.lines.every((line) => line.kind === "item") && sale.tip === "0.00")
    .map((sale) => ({
      ...sale,
      total: negate(sale.total),
      lines: sale.lines.map((line) => ({
        ...line,
        quantity: negate(line.quantity),
        subtotal: negate(line.subtotal),
        discounts: line.discounts.map((d) => ({ ...d, amount: negate(d.amount) })),
        taxes: line.taxes.map((t) => ({ ...t, amount: negate(t.amount) })),
      })),
      payments: sale.payments.map((p) => ({ ...p, amount: negate(p.amount) })),
    }));
  day.registers = [];
  day.purchaseOrders = [];
  return day;
}
