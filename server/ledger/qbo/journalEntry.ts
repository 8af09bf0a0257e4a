// An engine journal document (sales journal, cash drawer, COGS, purchase orders) as a QuickBooks
// JournalEntry: one JournalEntryLineDetail line per document line, Debit or Credit, on the mapped
// account, with the store's class and, where the document names one, the vendor as the line's Name.
import type { JournalDocument } from "../../../shared/engine/types";
import type { Decimal } from "../../../shared/money";
import { LedgerValidationError } from "../port";
import type { QboLists } from "./lists";
import { type JournalEntryBody, type JournalEntryLine, ref, wireAmount } from "./wire";

const MAX_TEXT = 4000;

export interface JournalLineInput {
  description: string;
  account: string;
  side: "debit" | "credit";
  amount: Decimal | string;
  className?: string;
  vendor?: string;
}

/**
 * A JournalEntry line. The class is the mapped QuickBooks class id (or its name). A vendor is a mapped QuickBooks vendor id or, on purchase orders, the POS vendor's
 * name matched to a QuickBooks vendor's display name; one QuickBooks does not know is left off the line
 * (the description names it) rather than refusing the whole day.
 */
export async function journalLine(input: JournalLineInput, lists: QboLists): Promise<JournalEntryLine> {
  const vendorId = input.vendor === undefined ? undefined : await lists.vendorId(input.vendor);
  const classId = input.className === undefined ? undefined : await lists.classId(input.className);
  return {
    Description: input.description.slice(0, MAX_TEXT),
    Amount: wireAmount(input.amount),
    DetailType: "JournalEntryLineDetail",
    JournalEntryLineDetail: {
      PostingType: input.side === "debit" ? "Debit" : "Credit",
      ...(vendorId !== undefined && { Entity: { Type: "Vendor", EntityRef: ref(vendorId) } }),
      AccountRef: ref(input.account),
      ...(classId !== undefined && { ClassRef: ref(classId) }),
    },
  };
}

/** What every object Daybook writes starts with: its number, date, memo and currency. */
export function transactionHeader(
  document: { date: string; currency: string; memo: string },
  docNumber: string,
) {
  return {
    DocNumber: docNumber,
    TxnDate: document.date,
    PrivateNote: document.memo.slice(0, MAX_TEXT),
    CurrencyRef: ref(document.currency),
  };
}

export async function journalEntryBody(
  document: JournalDocument,
  docNumber: string,
  lists: QboLists,
): Promise<JournalEntryBody> {
  const lines = await Promise.all(
    document.lines.map((line) => {
      if (line.target.account === undefined)
        throw new LedgerValidationError(
          `QuickBooks journal entries post to accounts: "${line.description}" is mapped to item ${line.target.item}. Map it to an account.`,
          { item: line.target.item },
        );
      return journalLine(
        {
          description: line.description,
          account: line.target.account,
          side: line.side,
          amount: line.amount,
          ...(line.class !== undefined && { className: line.class }),
          ...(line.vendor !== undefined && { vendor: line.vendor }),
        },
        lists,
      );
    }),
  );
  return { ...transactionHeader(document, docNumber), Line: lines };
}
