// The documents as an hledger journal (one transaction per document), for accountants and for
// `hledger check`. Postings use the mapped ledger account ids, item targets as `items:<id>`, tracked
// taxes as `taxes:<tax code>`; the store's class is a tag.

import { type AccountingDocument, isReceipt } from "./engine/types";
import type { Target } from "./schemas/mapping";

/** hledger ends a description or account name at `;`, two spaces or a tab; tag values at a comma. */
const clean = (text: string) =>
  text
    .replace(/[;\t\r\n]/g, " ")
    .replace(/ {2,}/g, " ")
    .trim();
const tagValue = (text: string) => clean(text.replace(/,/g, " "));

function accountOf(target: Target): string {
  return target.account !== undefined ? clean(target.account) : `items:${clean(target.item ?? "")}`;
}

/** Document amounts are canonical and never zero, so flipping the sign is textual. */
function negate(amount: string): string {
  return amount.startsWith("-") ? amount.slice(1) : `-${amount}`;
}

function posting(
  account: string,
  amount: string,
  currency: string,
  tags: Record<string, string | undefined>,
): string {
  const comment = Object.entries(tags)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${name}:${tagValue(value)}`)
    .join(", ");
  return `    ${account}  ${amount} ${currency}${comment ? `  ; ${comment}` : ""}`;
}

function transaction(document: AccountingDocument): string {
  const header = `${document.date} ${clean(document.memo)}  ; store:${tagValue(document.storeId)}, document:${document.kind}, fingerprint:${document.fingerprint}`;
  const { currency } = document;
  const lines: string[] = [];
  if (isReceipt(document)) {
    for (const line of document.lines)
      lines.push(
        posting(accountOf(line.target), negate(line.amount), currency, {
          class: line.class,
          vendor: line.vendor,
        }),
      );
    for (const tax of document.taxes)
      lines.push(
        posting(`taxes:${clean(tax.taxCode)}`, negate(tax.amount), currency, { class: document.class }),
      );
    for (const payment of document.payments)
      lines.push(
        posting(accountOf(payment.target), payment.amount, currency, {
          class: document.class,
          vendor: payment.vendor,
        }),
      );
  } else {
    for (const line of document.lines) {
      const amount = line.side === "debit" ? line.amount : negate(line.amount);
      lines.push(
        posting(accountOf(line.target), amount, currency, { class: line.class, vendor: line.vendor }),
      );
    }
  }
  return [header, ...lines].join("\n");
}

export function toHledger(documents: AccountingDocument[]): string {
  return ["decimal-mark .", "", ...documents.map((document) => `${transaction(document)}\n`)].join("\n");
}
