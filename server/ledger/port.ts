// The merchant's accounting software as the server's services see it. Adapters: QuickBooks Online
// (server/ledger/qbo/) and Xero (server/ledger/xero/); the sandbox ledgers answer in the same shapes.
import type { AccountingDocument } from "../../shared/engine/types";

export const LEDGER_KINDS = ["qbo", "xero"] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** One entry of a chart list, in the ledger's own ids. */
export interface ChartEntry {
  id: string;
  name: string;
  active: boolean;
}

export interface LedgerAccount extends ChartEntry {
  /** The ledger's account type, as it names it (QBO AccountType, Xero Type): shown beside the name. */
  type: string;
  /** QBO AccountSubType / Xero SystemAccount, when there is one. */
  subtype?: string;
  /** The account number / code, when the ledger has one. */
  code?: string;
}

export interface LedgerTaxCode extends ChartEntry {
  /** Total rate in percent as a decimal string, when the ledger says. */
  rate?: string;
}

/**
 * What the mapping screens pick from. Mapping targets are these ids: `{account}` an account id,
 * `{item}` an item id, a tax code id for tracked taxes, a vendor id for `vendor`, a class id for the
 * store's class (QBO Class; Xero `<TrackingCategoryID>/<TrackingOptionID>`).
 */
export interface LedgerChart {
  accounts: LedgerAccount[];
  items: ChartEntry[];
  taxCodes: LedgerTaxCode[];
  classes: ChartEntry[];
  vendors: ChartEntry[];
}

export interface PostRequest {
  document: AccountingDocument;
  /** Derived from store, date, document kind and fingerprint: the same content never makes two objects. */
  idempotencyKey: string;
  /** The ledger already holds this document (an earlier post): update that object in place. */
  existing?: { ledgerId: string; syncToken?: string | null };
}

export interface PostedDocument {
  /** The ledger object's id (QBO JournalEntry/SalesReceipt Id, Xero ManualJournalID/InvoiceID). */
  ledgerId: string;
  /** QBO's SyncToken after this write (needed for the next update). */
  syncToken?: string;
  /** What a person finds it by in the ledger: a document number or the object's type and id. */
  reference: string;
}

export interface LedgerClient {
  readonly kind: LedgerKind;
  chart(): Promise<LedgerChart>;
  /** Creates the document, or updates `existing` in place; never a second object for the same key. */
  post(request: PostRequest): Promise<PostedDocument>;
}

/** How an adapter obtains and renews the connection's access token (as for the POS). */
export interface LedgerCredentials {
  accessToken(): Promise<string>;
  /** After a 401: refresh once; throws LedgerAuthError when the ledger refuses. */
  refresh(): Promise<string>;
  /** The ledger refused the connection for good: mark it `reconnect_required`. */
  revoke(reason: string): Promise<void>;
}

/** The merchant must reconnect the ledger; retrying will not help. */
export class LedgerAuthError extends Error {
  override name = "LedgerAuthError";
}

/** The ledger refused the document: its message, and the mapped account or item it names if any. */
export class LedgerValidationError extends Error {
  override name = "LedgerValidationError";
  constructor(
    message: string,
    readonly target?: { account?: string; item?: string },
  ) {
    super(message);
  }
}

/** Rate limited (429) or unavailable (5xx, timeout) after the adapter's own retries: try again later. */
export class LedgerUnavailableError extends Error {
  override name = "LedgerUnavailableError";
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
