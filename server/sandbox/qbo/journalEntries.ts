// A sandbox JournalEntry's lines as QuickBooks checks them: JournalEntryLineDetail lines, PostingType
// Debit or Credit, an active account, class and vendor, a vendor on accounts payable (a customer on
// accounts receivable), no negative amount, and debits equal to credits to the cent.
import { type Decimal, ZERO } from "../../../shared/money";
import { type Checks, isObject, type Json, wire } from "./checks";
import { QBO_ERRORS } from "./fault";

const POSTING_TYPES = ["Debit", "Credit"];
const ENTITY_TYPES = ["Customer", "Employee", "Job", "Other", "Vendor"];
const MAX_TEXT = 4000;

export function journalEntryLines(lines: unknown[], checks: Checks): { lines: Json[]; total: Decimal } {
  const { company, fail } = checks;
  let debits = ZERO;
  let credits = ZERO;

  /** A line's Name: a vendor of the company (the sandbox companies have no customers or employees). */
  const lineEntity = (value: unknown, at: string): { type?: string; ref?: Json } => {
    if (value === undefined) return {};
    const type = isObject(value) ? value.Type : undefined;
    if (!ENTITY_TYPES.includes(String(type))) {
      fail(
        QBO_ERRORS.unsupportedProperty(
          `${at}.JournalEntryLineDetail.Entity.Type: "${String(type)}" is not one of ${ENTITY_TYPES.join(", ")}`,
          "Line.JournalEntryLineDetail.Entity.Type",
        ),
      );
      return {};
    }
    const found = checks.reference(
      (value as Json).EntityRef,
      type === "Vendor" ? company.vendors : [],
      "Line.JournalEntryLineDetail.Entity.EntityRef",
      true,
    );
    return { type: String(type), ...(found && { ref: { Type: type, EntityRef: found.ref } }) };
  };

  const built = lines.map((line, index): Json | undefined => {
    const at = `Line[${index}]`;
    if (!isObject(line)) return fail(QBO_ERRORS.unsupportedProperty(`${at} must be an object`, "Line"));
    if (line.DetailType !== "JournalEntryLineDetail")
      return fail(
        QBO_ERRORS.unsupportedProperty(
          `${at}.DetailType: a journal entry line is a JournalEntryLineDetail, not ${String(line.DetailType)}`,
          "Line.DetailType",
        ),
      );
    const detail = line.JournalEntryLineDetail;
    if (!isObject(detail))
      return fail(QBO_ERRORS.requiredMissing("JournalEntryLineDetail", "Line.JournalEntryLineDetail"));
    const amount = checks.amount(line.Amount, "Line.Amount");
    const description = checks.text(line.Description, "Line.Description", MAX_TEXT);
    if (!POSTING_TYPES.includes(String(detail.PostingType)))
      fail(
        QBO_ERRORS.unsupportedProperty(
          `${at}.JournalEntryLineDetail.PostingType: "${String(detail.PostingType)}" is not Debit or Credit`,
          "Line.JournalEntryLineDetail.PostingType",
        ),
      );
    const account = checks.reference(
      detail.AccountRef,
      company.accounts,
      "Line.JournalEntryLineDetail.AccountRef",
      true,
    );
    const klass = checks.reference(detail.ClassRef, company.classes, "Line.JournalEntryLineDetail.ClassRef");
    const name = lineEntity(detail.Entity, at);
    const accountType = account?.entry.AccountType;
    if (accountType === "Accounts Payable" && name.type !== "Vendor")
      fail(
        QBO_ERRORS.business(
          "When you use Accounts Payable, you must choose a vendor in the Name field.",
          "Line.JournalEntryLineDetail.Entity",
        ),
      );
    if (accountType === "Accounts Receivable" && name.type !== "Customer")
      fail(
        QBO_ERRORS.business(
          "When you use Accounts Receivable, you must choose a customer in the Name field.",
          "Line.JournalEntryLineDetail.Entity",
        ),
      );
    if (amount?.isNegative())
      fail(QBO_ERRORS.business(`${at}: a journal entry line's Amount can't be negative.`, "Line.Amount"));
    if (!amount || !account) return undefined;
    if (detail.PostingType === "Debit") debits = debits.plus(amount);
    if (detail.PostingType === "Credit") credits = credits.plus(amount);
    return {
      Id: String(index),
      ...(description !== undefined && { Description: description }),
      Amount: wire(amount),
      DetailType: "JournalEntryLineDetail",
      JournalEntryLineDetail: {
        PostingType: detail.PostingType,
        ...(name.ref && { Entity: name.ref }),
        AccountRef: account.ref,
        ...(klass && { ClassRef: klass.ref }),
      },
    };
  });
  if (!checks.failed() && !debits.equals(credits))
    fail(
      QBO_ERRORS.business(
        `Transaction must be balanced: debits ${debits.toFixed(2)} and credits ${credits.toFixed(2)} differ.`,
        "Line",
      ),
    );
  return { lines: built.filter((line) => line !== undefined), total: debits };
}
