// Manual journals as the sandbox Xero keeps them: created DRAFT or POSTED, updated in place while
// DRAFT or POSTED, voided; a posted journal has at least two lines, balances (debits positive, credits
// negative, summing to zero), and posts to active accounts that are not bank accounts (Xero refuses
// manual journals on bank accounts: money in a bank account moves by bank transactions).
import { newId } from "../../crypto/random";
import { Decimal, sum } from "../../../shared/money";
import type { JournalStatus, StoredJournal, StoredJournalLine } from "./ledgerState";
import type { SandboxOrganisation } from "./organisations";
import { accountById, accountLabel, accountOf, trackingOf, trackingWire } from "./references";
import { dateOf, decimalOf, money, msDate, msTimestamp, todayOf } from "./wire";

const STATUSES: JournalStatus[] = ["DRAFT", "POSTED", "VOIDED", "DELETED"];
/** Which status a journal may be given, from the one it has (`undefined`: a new journal). */
const ALLOWED: Record<JournalStatus | "new", JournalStatus[]> = {
  new: ["DRAFT", "POSTED"],
  DRAFT: ["DRAFT", "POSTED", "DELETED"],
  POSTED: ["POSTED", "VOIDED"],
  VOIDED: [],
  DELETED: [],
};

export type Built<T> = { value: T } | { errors: string[] };

/** A new journal from a request element, or `previous` updated by it. */
export function buildJournal(
  organisation: SandboxOrganisation,
  input: Record<string, unknown>,
  previous: StoredJournal | undefined,
  now: number,
): Built<StoredJournal> {
  const errors: string[] = [];
  const from = previous?.status ?? "new";
  const status = (input.Status ?? previous?.status ?? "DRAFT") as JournalStatus;
  if (!STATUSES.includes(status))
    errors.push(`Status '${String(input.Status)}' is not a manual journal status.`);
  else if (!ALLOWED[from].includes(status))
    return { errors: [`Manual journal not of valid status for modification (${from} to ${status}).`] };

  const narration = input.Narration ?? previous?.narration;
  if (typeof narration !== "string" || narration.trim() === "") errors.push("Narration is required.");
  const date = input.Date === undefined ? (previous?.date ?? todayOf(now)) : dateOf(input.Date);
  if (!date) errors.push(`Date '${String(input.Date)}' is not a valid date (YYYY-MM-DD).`);
  if (input.LineAmountTypes !== undefined && input.LineAmountTypes !== "NoTax")
    errors.push("The sandbox keeps manual journals without tax: send LineAmountTypes NoTax.");

  let lines = previous?.lines ?? [];
  const before = errors.length;
  if (input.JournalLines !== undefined) {
    if (!Array.isArray(input.JournalLines)) errors.push("JournalLines must be a list.");
    else lines = journalLines(organisation, input.JournalLines as Record<string, unknown>[], errors);
  }
  // A line refused above is not in `lines`: the totals are only meaningful when every line was read.
  if ((status === "POSTED" || status === "DRAFT") && errors.length === before) {
    if (lines.length < 2) errors.push("A manual journal must have at least two journal lines.");
    const amounts = lines.map((line) => new Decimal(line.amount));
    const debits = sum(amounts.filter((amount) => amount.isPositive()));
    const credits = sum(amounts.filter((amount) => amount.isNegative()));
    if (status === "POSTED" && !debits.plus(credits).isZero())
      errors.push(`The total debits (${debits.toFixed(2)}) must equal total credits (${credits.toFixed(2)})`);
  }
  if (errors.length || !date || typeof narration !== "string") return { errors };
  return {
    value: { id: previous?.id ?? newId(), date, narration, status, lines, updatedAt: now },
  };
}

function journalLines(
  organisation: SandboxOrganisation,
  inputs: Record<string, unknown>[],
  errors: string[],
): StoredJournalLine[] {
  const lines: StoredJournalLine[] = [];
  inputs.forEach((input, index) => {
    const where = `Journal line ${index + 1}`;
    const amount = decimalOf(input.LineAmount, 2);
    if (!amount) errors.push(`${where}: LineAmount must be a number with at most 2 decimal places.`);
    if (input.TaxType !== undefined && input.TaxType !== "NONE")
      errors.push(`${where}: the sandbox keeps manual journals without tax (TaxType NONE).`);
    const account = accountOf(organisation, input);
    if ("error" in account) errors.push(account.error);
    else if (account.value.Type === "BANK")
      errors.push(
        `${accountLabel(account.value)} is a bank account: manual journals cannot post to bank accounts (use a clearing account).`,
      );
    const tracking = trackingOf(organisation, input.Tracking);
    if ("error" in tracking) errors.push(`${where}: ${tracking.error}`);
    if (amount && "value" in account && "value" in tracking)
      lines.push({
        accountId: account.value.AccountID,
        description: typeof input.Description === "string" ? input.Description : "",
        amount: amount.toFixed(2),
        tracking: tracking.value,
      });
  });
  return lines;
}

export function journalWire(organisation: SandboxOrganisation, journal: StoredJournal) {
  return {
    ManualJournalID: journal.id,
    Date: msDate(journal.date),
    Status: journal.status,
    LineAmountTypes: "NoTax",
    Narration: journal.narration,
    JournalLines: journal.lines.map((line) => {
      const account = accountById(organisation, line.accountId);
      return {
        Description: line.description,
        TaxType: "NONE",
        TaxAmount: 0,
        LineAmount: money(line.amount),
        ...(account?.Code !== undefined && { AccountCode: account.Code }),
        AccountID: line.accountId,
        Tracking: trackingWire(organisation, line.tracking),
        IsBlank: false,
      };
    }),
    ShowOnCashBasisReports: true,
    HasAttachments: false,
    UpdatedDateUTC: msTimestamp(journal.updatedAt),
  };
}
