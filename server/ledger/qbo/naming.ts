// What Daybook's objects are called in QuickBooks: a DocNumber a person can search for, and the
// `requestid` that makes each write idempotent.
import type { AccountingDocument } from "../../../shared/engine/types";
import { toHex } from "../../crypto/base64";

/** QuickBooks keeps at most 21 characters of a DocNumber and 50 of a requestid. */
export const MAX_DOC_NUMBER = 21;
export const MAX_REQUEST_ID = 50;

/** Two letters per object Daybook writes: a journal document's kind, a receipt, a refund, a settlement. */
export const DOC_CODES = {
  journal_entry: "JE",
  cash_drawer: "CD",
  cogs: "CG",
  purchase_orders: "PO",
  SalesReceipt: "SR",
  RefundReceipt: "RR",
  settlement: "ST",
} as const;
export type DocCode = (typeof DOC_CODES)[keyof typeof DOC_CODES];

const SHORT_STORE = /^[A-Za-z0-9-]{1,8}$/;

async function sha256Hex(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))));
}

/**
 * `DB<yymmdd>-<store>-<code>`, e.g. `DB260515-1-JE`: the business date, the store (its POS id when short,
 * else 6 hex digits of its hash) and what the object is, at most 20 characters. Unique per store-day and
 * object, and the same on every repost, so the merchant finds one number per day and kind.
 */
export async function docNumberOf(document: AccountingDocument, code: DocCode): Promise<string> {
  const date = document.date.replaceAll("-", "").slice(2);
  const store = SHORT_STORE.test(document.storeId)
    ? document.storeId
    : (await sha256Hex(document.storeId)).slice(0, 6);
  return `DB${date}-${store}-${code}`;
}

/**
 * The `requestid` of one write: the post's idempotency key, with what is written when one post makes
 * several writes (a receipt and its settlement journal, a retry after a stale SyncToken). Longer than
 * QuickBooks allows, it is replaced by its SHA-256 (40 hex digits): the same write always has the same id.
 */
export async function requestIdOf(idempotencyKey: string, ...write: string[]): Promise<string> {
  const id = [idempotencyKey, ...write].join(":");
  return id.length <= MAX_REQUEST_ID ? id : (await sha256Hex(id)).slice(0, 40);
}
