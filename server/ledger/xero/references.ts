// How Daybook's chart ids become Xero references. An account's id in the chart (and so in mappings) is
// its Code, which Xero's lines and payments take and its messages name; an account without a code (a
// bank account may have none) is known by its AccountID. Xero codes are at most 10 characters, so an
// id in UUID form is always an AccountID. Items are referenced by their Code (ItemCode), tax rates by
// TaxType, a store's class by `<TrackingCategoryID>/<TrackingOptionID>`.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { LedgerValidationError } from "../port";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function chartAccountId(account: { AccountID: string; Code?: string }): string {
  return account.Code !== undefined && account.Code !== "" ? account.Code : account.AccountID;
}

/** The account of a journal or invoice line. */
export function lineAccount(id: string): { AccountCode: string } | { AccountID: string } {
  return UUID.test(id) ? { AccountID: id } : { AccountCode: id };
}

/** The account a payment is made into (or a refund out of). */
export function paymentAccount(id: string): { Code: string } | { AccountID: string } {
  return UUID.test(id) ? { AccountID: id } : { Code: id };
}

export function classId(categoryId: string, optionId: string): string {
  return `${categoryId}/${optionId}`;
}

/** The tracking of a line for the store's class, or nothing when the store has none. */
export function trackingOf(
  className: string | undefined,
): { TrackingCategoryID: string; TrackingOptionID: string }[] | undefined {
  if (className === undefined) return undefined;
  const [categoryId = "", optionId = "", ...rest] = className.split("/");
  if (!UUID.test(categoryId) || !UUID.test(optionId) || rest.length)
    throw new LedgerValidationError(
      `the store's class "${className}" is not a Xero tracking option: choose the store's location again in the mapping`,
    );
  return [{ TrackingCategoryID: categoryId, TrackingOptionID: optionId }];
}

const MAX_KEY_LENGTH = 128;

/** The Idempotency-Key of one step of a post: the request's key and the step's name, hashed when longer
 *  than Xero's 128 characters. The same step of the same post always gets the same key. */
export function stepKey(key: string, ...step: string[]): string {
  const joined = [key, ...step].join("/");
  return joined.length <= MAX_KEY_LENGTH ? joined : bytesToHex(sha256(utf8ToBytes(joined)));
}
