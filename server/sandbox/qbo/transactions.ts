// The sandbox's JournalEntry, SalesReceipt and RefundReceipt: the request body checked with the rules of
// QuickBooks Online that matter to an app posting a day (known properties only, lines present, references
// that exist and are active, balanced journals, consistent receipt totals, one currency: see
// journalEntries.ts and receipts.ts), then the object QuickBooks would store and answer, with its ids,
// reference names, totals and MetaData.
import { createChecks, isCalendarDate, isObject, type Json, wire } from "./checks";
import type { QboObject, SandboxCompany } from "./companies";
import type { TransactionEntity } from "./books";
import { QBO_ERRORS } from "./fault";
import { journalEntryLines } from "./journalEntries";
import { receiptFields } from "./receipts";

const COMMON_PROPERTIES = [
  "DocNumber",
  "TxnDate",
  "PrivateNote",
  "CurrencyRef",
  "ExchangeRate",
  "Line",
  "TxnSource",
];
const RECEIPT_PROPERTIES = new Set([
  ...COMMON_PROPERTIES,
  "ClassRef",
  "DepositToAccountRef",
  "GlobalTaxCalculation",
  "TxnTaxDetail",
  "PaymentMethodRef",
  "PaymentRefNum",
  "CustomerRef",
  "CustomerMemo",
  "TotalAmt",
  "ApplyTaxAfterDiscount",
  "PrintStatus",
  "EmailStatus",
  "Balance",
]);
const PROPERTIES: Record<TransactionEntity, Set<string>> = {
  JournalEntry: new Set([...COMMON_PROPERTIES, "Adjustment", "TotalAmt"]),
  SalesReceipt: RECEIPT_PROPERTIES,
  RefundReceipt: RECEIPT_PROPERTIES,
};
/** What QuickBooks sets itself: accepted in a body (an app may send back what it read), not used. */
const SYSTEM_PROPERTIES = new Set([
  "Id",
  "SyncToken",
  "sparse",
  "domain",
  "status",
  "MetaData",
  "HomeTotalAmt",
]);

const MAX_DOC_NUMBER = 21;
const MAX_TEXT = 4000;

export interface SystemFields {
  Id: string;
  SyncToken: string;
  createTime: string;
  updateTime: string;
  /** The company's "today", for a transaction without a TxnDate. */
  today: string;
}

/** Checks a create (or full update) body and returns the object QuickBooks would store. */
export function buildTransaction(
  entity: TransactionEntity,
  input: Json,
  company: SandboxCompany,
  system: SystemFields,
): QboObject {
  const checks = createChecks(company);
  const { fail } = checks;
  for (const property of Object.keys(input))
    if (!PROPERTIES[entity].has(property) && !SYSTEM_PROPERTIES.has(property))
      fail(
        QBO_ERRORS.unsupportedProperty(
          `Property Name:Unrecognized field "${property}" specified is unsupported or invalid`,
          property,
        ),
      );

  const docNumber = checks.text(input.DocNumber, "DocNumber", MAX_DOC_NUMBER);
  const privateNote = checks.text(input.PrivateNote, "PrivateNote", MAX_TEXT);
  const txnDate = input.TxnDate ?? system.today;
  if (typeof txnDate !== "string" || !isCalendarDate(txnDate))
    fail(
      QBO_ERRORS.unsupportedProperty(`TxnDate: "${String(txnDate)}" is not a date (YYYY-MM-DD)`, "TxnDate"),
    );
  if (input.CurrencyRef !== undefined) {
    const currency = isObject(input.CurrencyRef) ? input.CurrencyRef.value : undefined;
    if (currency !== company.currency.value)
      fail(
        QBO_ERRORS.business(
          `Multicurrency is turned off in this company: transactions are in ${company.currency.value}, not ${String(currency)}.`,
          "CurrencyRef",
        ),
      );
  }
  const lines = input.Line;
  if (!Array.isArray(lines) || lines.length === 0) {
    fail(QBO_ERRORS.requiredMissing("Line", "Line"));
    throw checks.fault();
  }

  let fields: Json;
  if (entity === "JournalEntry") {
    const journal = journalEntryLines(lines, checks);
    if (input.TotalAmt !== undefined && !checks.amount(input.TotalAmt, "TotalAmt")?.equals(journal.total))
      fail(
        QBO_ERRORS.business(`TotalAmt ${String(input.TotalAmt)} is not the total of the debits.`, "TotalAmt"),
      );
    fields = { Adjustment: input.Adjustment === true, TotalAmt: wire(journal.total), Line: journal.lines };
  } else {
    fields = receiptFields(entity, input, lines, checks);
  }
  if (checks.failed()) throw checks.fault();

  return {
    Id: system.Id,
    SyncToken: system.SyncToken,
    domain: "QBO",
    sparse: false,
    MetaData: { CreateTime: system.createTime, LastUpdatedTime: system.updateTime },
    ...(docNumber !== undefined && { DocNumber: docNumber }),
    TxnDate: txnDate,
    ...(privateNote !== undefined && { PrivateNote: privateNote }),
    CurrencyRef: company.currency,
    ...fields,
  };
}

/** The request form of a stored object, for a sparse update to be merged into: without what QuickBooks
 *  computes or sets itself (ids, totals, the subtotal line, MetaData). */
export function inputFormOf(stored: QboObject): Json {
  const input: Json = {};
  for (const [key, value] of Object.entries(stored)) {
    if (SYSTEM_PROPERTIES.has(key) || key === "TotalAmt" || key === "Balance") continue;
    input[key] = value;
  }
  if (Array.isArray(stored.Line))
    input.Line = (stored.Line as Json[])
      .filter((line) => line.DetailType !== "SubTotalLineDetail")
      .map(({ Id: _id, LineNum: _lineNum, ...line }) => line);
  return input;
}
