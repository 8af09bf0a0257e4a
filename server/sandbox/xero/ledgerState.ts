// What was posted to a sandbox Xero organisation: manual journals, invoices and credit notes, their
// payments, the contacts the API created, and the answers kept for Idempotency-Key replays. One JSON
// entry per tenant in the sandbox state, changed under a lock; amounts are decimal strings.
import type { Db } from "../../db/client";
import { readState } from "../state";
import { changeState } from "../lockedState";
import type { SandboxContact } from "./organisations";

export interface StoredTracking {
  categoryId: string;
  optionId: string;
}

export interface StoredJournalLine {
  accountId: string;
  description: string;
  /** Positive debit, negative credit. */
  amount: string;
  tracking: StoredTracking[];
}

export type JournalStatus = "DRAFT" | "POSTED" | "VOIDED" | "DELETED";

export interface StoredJournal {
  id: string;
  date: string;
  narration: string;
  status: JournalStatus;
  lines: StoredJournalLine[];
  updatedAt: number;
}

export interface StoredSalesLine {
  id: string;
  description: string;
  quantity: string;
  unitAmount: string;
  itemCode?: string;
  accountId: string;
  taxType: string;
  taxAmount: string;
  lineAmount: string;
  tracking: StoredTracking[];
}

export type SalesKind = "invoice" | "creditNote";
export type SalesStatus = "DRAFT" | "SUBMITTED" | "AUTHORISED" | "PAID" | "VOIDED" | "DELETED";
export type LineAmountTypes = "Exclusive" | "Inclusive" | "NoTax";

/** An ACCREC invoice or an ACCRECCREDIT credit note. */
export interface StoredSalesDocument {
  kind: SalesKind;
  id: string;
  number: string;
  reference: string;
  contactId: string;
  date: string;
  dueDate: string;
  status: SalesStatus;
  lineAmountTypes: LineAmountTypes;
  currency: string;
  lines: StoredSalesLine[];
  subTotal: string;
  totalTax: string;
  total: string;
  updatedAt: number;
}

export interface StoredPayment {
  id: string;
  kind: SalesKind;
  documentId: string;
  accountId: string;
  date: string;
  amount: string;
  reference: string;
  status: "AUTHORISED" | "DELETED";
  updatedAt: number;
}

/** A write's first answer, replayed to a request with the same Idempotency-Key for 24 hours. */
export interface Replay {
  status: 200;
  body: unknown;
  at: number;
}

export interface LedgerState {
  journals: StoredJournal[];
  documents: StoredSalesDocument[];
  payments: StoredPayment[];
  /** Contacts the API created (the organisation's own suppliers are in its definition). */
  contacts: SandboxContact[];
  replays: Record<string, Replay>;
  sequences: Record<SalesKind, number>;
}

const empty = (): LedgerState => ({
  journals: [],
  documents: [],
  payments: [],
  contacts: [],
  replays: {},
  sequences: { invoice: 0, creditNote: 0 },
});

const keyOf = (tenantId: string) => `xero.ledger.${tenantId}`;

export function readLedger(db: Db, tenantId: string): Promise<LedgerState> {
  return readState<LedgerState>(db, keyOf(tenantId), empty());
}

export function changeLedger<T>(
  db: Db,
  tenantId: string,
  work: (state: LedgerState) => T | Promise<T>,
): Promise<T> {
  return changeState(db, keyOf(tenantId), empty, work);
}
