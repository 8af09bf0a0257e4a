// Payments in the sandbox Xero: money received against an authorised invoice, or refunded against an
// authorised credit note, into a bank account or an account with payments enabled, never more than
// what is outstanding. Xero cannot edit a payment: it is deleted (Status DELETED) and made again.
import { newId } from "../../crypto/random";
import { Decimal } from "../../../shared/money";
import type { Built } from "./journals";
import type { LedgerState, StoredPayment, StoredSalesDocument } from "./ledgerState";
import type { SandboxOrganisation } from "./organisations";
import { accountById, accountLabel, accountOf } from "./references";
import { amountPaid, SALES_KINDS } from "./salesDocuments";
import { dateOf, decimalOf, money, msDate, msTimestamp, todayOf } from "./wire";

/** The document a payment element names: `Invoice` or `CreditNote`, by id or number. */
function documentOf(state: LedgerState, input: Record<string, unknown>): StoredSalesDocument | undefined {
  for (const kind of ["invoice", "creditNote"] as const) {
    const names = SALES_KINDS[kind];
    const link = input[kind === "invoice" ? "Invoice" : "CreditNote"] as Record<string, unknown> | undefined;
    if (typeof link !== "object" || link === null) continue;
    return state.documents.find(
      (document) =>
        document.kind === kind &&
        (document.id === link[names.idField] || document.number === link[names.numberField]),
    );
  }
  return undefined;
}

export function buildPayment(
  organisation: SandboxOrganisation,
  state: LedgerState,
  input: Record<string, unknown>,
  now: number,
): Built<StoredPayment> {
  const errors: string[] = [];
  const document = documentOf(state, input);
  if (!document) errors.push("The invoice or credit note of this payment could not be found.");
  else if (document.status !== "AUTHORISED")
    errors.push(`Payments can only be made against authorised documents (this one is ${document.status}).`);

  const reference = (input.Account ?? {}) as Record<string, unknown>;
  const account = accountOf(organisation, reference);
  if ("error" in account) errors.push(account.error);
  else if (account.value.Type !== "BANK" && !account.value.EnablePaymentsToAccount)
    errors.push(
      `${accountLabel(account.value)} does not accept payments: use a bank account or an account with payments enabled.`,
    );

  const amount = decimalOf(input.Amount, 2);
  if (!amount || !amount.greaterThan(0))
    errors.push("Amount must be a positive number with at most 2 decimal places.");
  else if (document?.status === "AUTHORISED") {
    const outstanding = new Decimal(document.total).minus(amountPaid(state, document.id));
    if (amount.greaterThan(outstanding))
      errors.push(
        `Payment amount (${amount.toFixed(2)}) exceeds the amount outstanding on this document (${outstanding.toFixed(2)}).`,
      );
  }
  const date = input.Date === undefined ? todayOf(now) : dateOf(input.Date);
  if (!date) errors.push(`Date '${String(input.Date)}' is not a valid date (YYYY-MM-DD).`);

  if (errors.length || !document || !amount || !date || !("value" in account)) return { errors };
  return {
    value: {
      id: newId(),
      kind: document.kind,
      documentId: document.id,
      accountId: account.value.AccountID,
      date,
      amount: amount.toFixed(2),
      reference: typeof input.Reference === "string" ? input.Reference : "",
      status: "AUTHORISED",
      updatedAt: now,
    },
  };
}

/** A payment's only change: `{Status: "DELETED"}`. */
export function deletionErrors(payment: StoredPayment, input: Record<string, unknown>): string[] {
  if (Object.keys(input).some((key) => key !== "Status" && key !== "PaymentID") || input.Status !== "DELETED")
    return ["Only Status accepted for updates: a payment can only be deleted (Status DELETED)."];
  return payment.status === "DELETED" ? ["This payment has already been deleted."] : [];
}

export function paymentWire(organisation: SandboxOrganisation, state: LedgerState, payment: StoredPayment) {
  const account = accountById(organisation, payment.accountId);
  const document = state.documents.find((candidate) => candidate.id === payment.documentId);
  const names = SALES_KINDS[payment.kind];
  return {
    PaymentID: payment.id,
    Date: msDate(payment.date),
    Amount: money(payment.amount),
    BankAmount: money(payment.amount),
    CurrencyRate: 1,
    Reference: payment.reference,
    IsReconciled: false,
    Status: payment.status,
    PaymentType: payment.kind === "invoice" ? "ACCRECPAYMENT" : "ARCREDITPAYMENT",
    Account: { AccountID: payment.accountId, ...(account?.Code !== undefined && { Code: account.Code }) },
    [payment.kind === "invoice" ? "Invoice" : "CreditNote"]: {
      Type: names.type,
      [names.idField]: payment.documentId,
      [names.numberField]: document?.number ?? "",
    },
    HasAccount: true,
    HasValidationErrors: false,
    UpdatedDateUTC: msTimestamp(payment.updatedAt),
  };
}
