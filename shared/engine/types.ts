import type { PostingMethod, Target } from "../schemas/mapping";

/** The mapping sections of the seeds, in the order documents list them. */
export const SECTIONS = [
  "sales",
  "returns",
  "discounts",
  "other_charges",
  "taxes",
  "rounding",
  "payments",
  "cash_drawer",
  "inventory",
  "purchase_orders",
] as const;
export type Section = (typeof SECTIONS)[number];

export type JournalKind = "journal_entry" | "cash_drawer" | "cogs" | "purchase_orders";
export type ReceiptKind = "sales_receipt" | "invoice";
export type DocumentKind = JournalKind | ReceiptKind;

interface DocumentBase {
  /** Stable identity of the document for its store-day: `storeId/date/kind`. */
  key: string;
  storeId: string;
  date: string;
  currency: string;
  memo: string;
  /** sha256 of the canonical JSON of everything else in the document. */
  fingerprint: string;
}

export interface JournalLine {
  section: Section;
  description: string;
  target: Target;
  side: "debit" | "credit";
  amount: string;
  class?: string;
  vendor?: string;
}

export interface JournalDocument extends DocumentBase {
  kind: JournalKind;
  lines: JournalLine[];
  /** Total of the debits, equal to the total of the credits. */
  total: string;
}

export interface ReceiptLine {
  section: Section;
  description: string;
  target: Target;
  /** Positive for what the customer was charged, negative for discounts and returns. */
  amount: string;
  quantity?: string;
  class?: string;
  vendor?: string;
}

export interface ReceiptTax {
  taxId: string;
  name: string;
  taxCode: string;
  amount: string;
}

export interface ReceiptPayment {
  description: string;
  target: Target;
  amount: string;
  vendor?: string;
}

export interface ReceiptDocument extends DocumentBase {
  kind: ReceiptKind;
  layout: "summary" | "itemized";
  lines: ReceiptLine[];
  taxes: ReceiptTax[];
  payments: ReceiptPayment[];
  /** Sum of the lines and taxes, equal to the sum of the payments. */
  total: string;
  class?: string;
}

export type AccountingDocument = JournalDocument | ReceiptDocument;

export function isReceipt(document: AccountingDocument): document is ReceiptDocument {
  return document.kind === "sales_receipt" || document.kind === "invoice";
}

export type ProblemCode =
  | "unmapped_category"
  | "unmapped_item"
  | "unmapped_discount"
  | "unmapped_returns"
  | "unmapped_tax"
  | "unmapped_tax_code"
  | "unmapped_gift_cards"
  | "unmapped_tips"
  | "unmapped_credit_account"
  | "unmapped_payment_type"
  | "unmapped_all_credit_cards"
  | "unmapped_paid_ins"
  | "unmapped_rounding"
  | "unmapped_inventory"
  | "unmapped_purchase_orders"
  | "accounts_receivable"
  | "out_of_balance"
  | "missing_unit_cost";

/** `hold`: must be fixed before the day can be generated; `out_of_balance`: the POS data does not add up;
 *  `warning`: generated, but someone should look. */
export type Severity = "hold" | "out_of_balance" | "warning";

export interface Problem {
  code: ProblemCode;
  severity: Severity;
  section: Section;
  /** What to map or fix: a category, a payment type, a sale, an account. */
  subject?: { id: string; name: string };
  /** Amounts and counts that help the merchant judge it (decimal strings). */
  details?: Record<string, string>;
}

export type DayStatus = "ready" | "empty" | "hold" | "out_of_balance";

/** The POS figures of the day, independent of the mapping, to show next to the documents. */
export interface DayTotals {
  currency: string;
  sales: number;
  voided: number;
  grossSales: string;
  discounts: string;
  returns: string;
  netSales: string;
  tax: string;
  tips: string;
  giftCardsSold: string;
  accountDeposits: string;
  payments: string;
  paymentsByType: { paymentTypeId: string; name: string; kind: string; amount: string }[];
  cashPayments: string;
  payouts: string;
  paidIns: string;
  overShort: string;
  cogs: string;
  purchaseOrders: string;
}

export interface GenerateResult {
  status: DayStatus;
  method: PostingMethod;
  documents: AccountingDocument[];
  problems: Problem[];
}

/** A ledger account as the chart reports it; enough for the engine to refuse receivable accounts. */
export interface ChartAccount {
  id: string;
  name: string;
  type: string;
}
