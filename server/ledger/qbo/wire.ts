// The QuickBooks Online v3 objects Daybook writes, as the JSON the API takes (element names of the QBO
// schema, Finance.xsd), and amounts at the wire edge.
import { Decimal } from "../../../shared/money";

export interface QboRef {
  value: string;
}

export type QboEntity = "JournalEntry" | "SalesReceipt" | "RefundReceipt";

export interface JournalEntryLine {
  Description: string;
  Amount: number;
  DetailType: "JournalEntryLineDetail";
  JournalEntryLineDetail: {
    PostingType: "Debit" | "Credit";
    Entity?: { Type: "Vendor"; EntityRef: QboRef };
    AccountRef: QboRef;
    ClassRef?: QboRef;
  };
}

export interface JournalEntryBody {
  DocNumber: string;
  TxnDate: string;
  PrivateNote: string;
  CurrencyRef: QboRef;
  Line: JournalEntryLine[];
}

export interface SalesItemLine {
  Description: string;
  Amount: number;
  DetailType: "SalesItemLineDetail";
  SalesItemLineDetail: { ItemRef: QboRef; ClassRef?: QboRef; Qty?: number; UnitPrice?: number };
}

export interface TaxLine {
  Amount: number;
  DetailType: "TaxLineDetail";
  TaxLineDetail: { TaxRateRef: QboRef; PercentBased: true; TaxPercent: number };
}

/** A SalesReceipt or a RefundReceipt: the same shape (SalesTransaction in the schema). */
export interface ReceiptBody {
  DocNumber: string;
  TxnDate: string;
  PrivateNote: string;
  CurrencyRef: QboRef;
  ClassRef?: QboRef;
  DepositToAccountRef?: QboRef;
  GlobalTaxCalculation: "TaxExcluded" | "NotApplicable";
  TxnTaxDetail: { TotalTax: number; TaxLine?: TaxLine[] };
  Line: SalesItemLine[];
  TotalAmt: number;
}

export type QboBody = JournalEntryBody | ReceiptBody;

export const ref = (value: string): QboRef => ({ value });

/**
 * An amount for QuickBooks' JSON, which takes numbers. Amounts stay decimal strings up to here; a
 * decimal of at most 15 significant digits (any amount of two decimals below a trillion) converts to the
 * nearest double and JSON.stringify prints that double's shortest form, which is the same decimal again,
 * so nothing is lost at this edge.
 */
export function wireAmount(amount: Decimal | string): number {
  const value = typeof amount === "string" ? new Decimal(amount) : amount;
  if (value.precision(true) > 15)
    throw new RangeError(`${value.toFixed()} cannot be sent exactly as a JSON number`);
  return Number(value.toFixed());
}
