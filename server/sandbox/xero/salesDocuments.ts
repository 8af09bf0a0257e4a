// Sales invoices (ACCREC) and credit notes (ACCRECCREDIT) as the sandbox Xero keeps them: lines on
// active non-bank accounts or items, tax per line from its TaxType (or the TaxAmount given), totals
// that are never negative, a contact found or created by name, unique numbers, and Xero's status rules:
// editable while DRAFT, SUBMITTED or AUTHORISED with nothing paid; voided when AUTHORISED; PAID once
// payments cover the total.
import { newId } from "../../crypto/random";
import { Decimal, roundMoney, sum, ZERO } from "../../../shared/money";
import type { Built } from "./journals";
import type {
  LedgerState,
  LineAmountTypes,
  SalesKind,
  SalesStatus,
  StoredSalesDocument,
  StoredSalesLine,
} from "./ledgerState";
import type { SandboxContact, SandboxOrganisation } from "./organisations";
import { accountById, accountLabel, accountOf, taxRateOf, trackingOf, trackingWire } from "./references";
import { dateOf, decimalOf, money, msDate, msTimestamp, todayOf } from "./wire";

/** Xero's names for each kind: endpoint collection, id and number fields, type, prefix of its numbers. */
export const SALES_KINDS = {
  invoice: {
    collection: "Invoices",
    idField: "InvoiceID",
    numberField: "InvoiceNumber",
    type: "ACCREC",
    prefix: "INV",
    noun: "invoice",
    article: "An invoice",
    numberLabel: "Invoice #",
  },
  creditNote: {
    collection: "CreditNotes",
    idField: "CreditNoteID",
    numberField: "CreditNoteNumber",
    type: "ACCRECCREDIT",
    prefix: "CN",
    noun: "credit note",
    article: "A credit note",
    numberLabel: "Credit Note #",
  },
} as const;

const LINE_AMOUNT_TYPES: LineAmountTypes[] = ["Exclusive", "Inclusive", "NoTax"];
const EDITABLE: SalesStatus[] = ["DRAFT", "SUBMITTED", "AUTHORISED"];
const ALLOWED: Record<SalesStatus | "new", SalesStatus[]> = {
  new: ["DRAFT", "SUBMITTED", "AUTHORISED"],
  DRAFT: ["DRAFT", "SUBMITTED", "AUTHORISED", "DELETED"],
  SUBMITTED: ["DRAFT", "SUBMITTED", "AUTHORISED", "DELETED"],
  AUTHORISED: ["AUTHORISED", "VOIDED"],
  // Reached only without payments (checked first): a document whose total is zero is PAID by nothing.
  PAID: ["AUTHORISED", "VOIDED"],
  VOIDED: [],
  DELETED: [],
};

export interface SalesContext {
  organisation: SandboxOrganisation;
  /** The draft state of the request: contacts it creates and numbers it takes go here. */
  state: LedgerState;
  now: number;
  /** Decimals accepted on unit amounts: 4 with `?unitdp=4`, else 2. */
  unitDecimals: number;
}

export function livePayments(state: LedgerState, documentId: string) {
  return state.payments.filter((p) => p.documentId === documentId && p.status === "AUTHORISED");
}

export function amountPaid(state: LedgerState, documentId: string): Decimal {
  return sum(livePayments(state, documentId).map((payment) => new Decimal(payment.amount)));
}

/** AUTHORISED becomes PAID once payments cover the total, and goes back when a payment is deleted. */
export function settle(state: LedgerState, document: StoredSalesDocument): void {
  if (document.status !== "AUTHORISED" && document.status !== "PAID") return;
  const due = new Decimal(document.total).minus(amountPaid(state, document.id));
  document.status = due.isZero() ? "PAID" : "AUTHORISED";
}

export function allContacts(context: Pick<SalesContext, "organisation" | "state">): SandboxContact[] {
  return [...context.organisation.contacts, ...context.state.contacts];
}

/** A new document from a request element, or `previous` updated by it. */
export function buildSalesDocument(
  kind: SalesKind,
  context: SalesContext,
  input: Record<string, unknown>,
  previous: StoredSalesDocument | undefined,
): Built<StoredSalesDocument> {
  const names = SALES_KINDS[kind];
  const errors: string[] = [];
  const { organisation, state, now } = context;
  const from = previous?.status ?? "new";
  if (previous && livePayments(state, previous.id).length > 0)
    return { errors: ["This document cannot be edited as it has a payment or credit note allocated to it."] };
  const status = (input.Status ?? previous?.status ?? "DRAFT") as SalesStatus;
  if (!ALLOWED[from].includes(status))
    return {
      errors: [
        previous && !EDITABLE.includes(previous.status)
          ? `${capitalised(names.noun)} not of valid status for modification`
          : `This ${names.noun} cannot go from ${from} to ${String(input.Status)}.`,
      ],
    };
  if (input.Type !== undefined && input.Type !== names.type)
    errors.push(`The sandbox keeps sales ${names.noun}s: Type must be ${names.type}.`);

  const contactId = contactOf(context, input.Contact, previous?.contactId, errors);
  const date = input.Date === undefined ? (previous?.date ?? todayOf(now)) : dateOf(input.Date);
  if (!date) errors.push(`Date '${String(input.Date)}' is not a valid date (YYYY-MM-DD).`);
  const dueDate = input.DueDate === undefined ? (previous?.dueDate ?? date) : dateOf(input.DueDate);
  if (!dueDate) errors.push(`DueDate '${String(input.DueDate)}' is not a valid date (YYYY-MM-DD).`);
  const currency = input.CurrencyCode ?? previous?.currency ?? organisation.baseCurrency;
  if (currency !== organisation.baseCurrency)
    errors.push(`The currency ${String(currency)} is not enabled for this organisation.`);
  const lineAmountTypes = (input.LineAmountTypes ??
    previous?.lineAmountTypes ??
    "Exclusive") as LineAmountTypes;
  if (!LINE_AMOUNT_TYPES.includes(lineAmountTypes))
    errors.push(`LineAmountTypes '${String(lineAmountTypes)}' must be Exclusive, Inclusive or NoTax.`);

  let lines = previous?.lines ?? [];
  const before = errors.length;
  if (input.LineItems !== undefined || !previous) {
    if (!Array.isArray(input.LineItems)) errors.push("LineItems must be a list.");
    else lines = lineItems(context, input.LineItems as Record<string, unknown>[], lineAmountTypes, errors);
  }
  // A line refused above is not in `lines`: count and totals only mean something when all were read.
  const linesRead = errors.length === before;
  if (linesRead && status === "AUTHORISED" && lines.length === 0)
    errors.push(`${names.article} must have at least one line item to be approved.`);

  const taxIncluded = lineAmountTypes === "Inclusive";
  const totalTax = sum(lines.map((line) => new Decimal(line.taxAmount)));
  const subTotal = sum(lines.map((line) => new Decimal(line.lineAmount))).minus(
    taxIncluded ? totalTax : ZERO,
  );
  const total = subTotal.plus(totalTax);
  if (linesRead && total.isNegative())
    errors.push(`The total of the ${names.noun} must not be negative (${total.toFixed(2)}).`);

  const number = numberOf(kind, context, input[names.numberField], previous, errors);
  if (errors.length || !date || !dueDate || contactId === undefined || number === undefined)
    return { errors };
  const document: StoredSalesDocument = {
    kind,
    id: previous?.id ?? newId(),
    number,
    reference: typeof input.Reference === "string" ? input.Reference : (previous?.reference ?? ""),
    contactId,
    date,
    dueDate,
    status,
    lineAmountTypes,
    currency: organisation.baseCurrency,
    lines,
    subTotal: subTotal.toFixed(2),
    totalTax: totalTax.toFixed(2),
    total: total.toFixed(2),
    updatedAt: now,
  };
  return { value: document };
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Xero finds the contact by ContactID, or by Name, creating it when no active contact has that name. */
function contactOf(
  context: SalesContext,
  value: unknown,
  previous: string | undefined,
  errors: string[],
): string | undefined {
  if (value === undefined && previous !== undefined) return previous;
  const contact = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  const contacts = allContacts(context);
  if (typeof contact.ContactID === "string") {
    const found = contacts.find((candidate) => candidate.ContactID === contact.ContactID);
    if (found?.ContactStatus === "ACTIVE") return found.ContactID;
    errors.push(`The contact '${contact.ContactID}' does not exist or is archived.`);
    return undefined;
  }
  if (typeof contact.Name !== "string" || contact.Name.trim() === "") {
    errors.push("A Contact must be specified for this type of transaction.");
    return undefined;
  }
  const name = contact.Name.trim();
  const found = contacts.find(
    (candidate) =>
      candidate.ContactStatus === "ACTIVE" && candidate.Name.toLowerCase() === name.toLowerCase(),
  );
  if (found) return found.ContactID;
  const created: SandboxContact = {
    ContactID: newId(),
    Name: name,
    IsSupplier: false,
    IsCustomer: true,
    ContactStatus: "ACTIVE",
  };
  context.state.contacts.push(created);
  return created.ContactID;
}

/** The number given (unique among the kind's documents) or the next one of the organisation's sequence. */
function numberOf(
  kind: SalesKind,
  context: SalesContext,
  value: unknown,
  previous: StoredSalesDocument | undefined,
  errors: string[],
): string | undefined {
  const names = SALES_KINDS[kind];
  const taken = (number: string) =>
    context.state.documents.some((d) => d.kind === kind && d.number === number && d.id !== previous?.id);
  if (typeof value === "string" && value.trim() !== "") {
    if (!taken(value)) return value;
    errors.push(`${names.numberLabel} must be unique.`);
    return undefined;
  }
  if (previous) return previous.number;
  let number: string;
  do {
    context.state.sequences[kind] += 1;
    number = `${names.prefix}-${String(context.state.sequences[kind]).padStart(4, "0")}`;
  } while (taken(number));
  return number;
}

function lineItems(
  context: SalesContext,
  inputs: Record<string, unknown>[],
  lineAmountTypes: LineAmountTypes,
  errors: string[],
): StoredSalesLine[] {
  const { organisation } = context;
  const lines: StoredSalesLine[] = [];
  inputs.forEach((input, index) => {
    const where = `Line ${index + 1}`;
    const before = errors.length;
    const item =
      typeof input.ItemCode === "string"
        ? organisation.items.find((candidate) => candidate.Code === input.ItemCode)
        : undefined;
    if (typeof input.ItemCode === "string" && !item)
      errors.push(`Item code '${input.ItemCode}' is not valid.`);
    const description = typeof input.Description === "string" ? input.Description : item?.Description;
    if (!description) errors.push(`${where}: Description needs to be at least 1 char long.`);

    const quantity = decimalOf(input.Quantity ?? 1, 4);
    if (!quantity) errors.push(`${where}: Quantity must be a number with at most 4 decimal places.`);
    const given = input.LineAmount === undefined ? undefined : decimalOf(input.LineAmount, 2);
    if (input.LineAmount !== undefined && !given)
      errors.push(`${where}: LineAmount must be a number with at most 2 decimal places.`);
    let unitAmount =
      input.UnitAmount === undefined ? undefined : decimalOf(input.UnitAmount, context.unitDecimals);
    if (input.UnitAmount !== undefined && !unitAmount)
      errors.push(
        `${where}: UnitAmount must be a number with at most ${context.unitDecimals} decimal places.`,
      );
    if (input.UnitAmount === undefined && quantity)
      unitAmount =
        given && !quantity.isZero()
          ? given.dividedBy(quantity).toDecimalPlaces(context.unitDecimals)
          : new Decimal(item?.SalesDetails.UnitPrice ?? "0");
    const lineAmount = quantity && unitAmount ? roundMoney(quantity.times(unitAmount), 2) : undefined;
    if (given && lineAmount && !given.equals(lineAmount))
      errors.push(
        `${where}: LineAmount ${given.toFixed(2)} does not equal Quantity × UnitAmount (${lineAmount.toFixed(2)}).`,
      );

    const reference =
      input.AccountCode !== undefined || input.AccountID !== undefined || !item
        ? input
        : { AccountCode: item.SalesDetails.AccountCode };
    const account = accountOf(organisation, reference);
    if ("error" in account) errors.push(account.error);
    else if (account.value.Type === "BANK")
      errors.push(`${accountLabel(account.value)} is a bank account and cannot be used on invoice lines.`);

    const taxType =
      lineAmountTypes === "NoTax"
        ? "NONE"
        : typeof input.TaxType === "string"
          ? input.TaxType
          : (item?.SalesDetails.TaxType ?? ("value" in account ? account.value.TaxType : "NONE"));
    const rate = taxRateOf(organisation, taxType);
    if ("error" in rate) errors.push(rate.error);
    const tracking = trackingOf(organisation, input.Tracking);
    if ("error" in tracking) errors.push(`${where}: ${tracking.error}`);

    let taxAmount = ZERO;
    if (lineAmountTypes !== "NoTax" && "value" in rate && lineAmount) {
      const percent = new Decimal(rate.value.rate);
      const computed =
        lineAmountTypes === "Exclusive"
          ? roundMoney(lineAmount.times(percent).dividedBy(100), 2)
          : roundMoney(lineAmount.times(percent).dividedBy(percent.plus(100)), 2);
      const override = input.TaxAmount === undefined ? undefined : decimalOf(input.TaxAmount, 2);
      if (input.TaxAmount !== undefined && !override)
        errors.push(`${where}: TaxAmount must be a number with at most 2 decimal places.`);
      else if (override && percent.isZero() && !override.isZero())
        errors.push(`${where}: the tax rate ${rate.value.Name} cannot carry a tax amount.`);
      else if (override && override.times(lineAmount).isNegative())
        errors.push(`${where}: TaxAmount ${override.toFixed(2)} has the opposite sign of the line amount.`);
      taxAmount = override ?? computed;
    }
    if (errors.length > before || !quantity || !unitAmount || !lineAmount || !description) return;
    if (!("value" in account) || !("value" in tracking)) return;
    lines.push({
      id: newId(),
      description,
      quantity: quantity.toFixed(),
      unitAmount: unitAmount.toFixed(),
      ...(item && { itemCode: item.Code }),
      accountId: account.value.AccountID,
      taxType,
      taxAmount: taxAmount.toFixed(2),
      lineAmount: lineAmount.toFixed(2),
      tracking: tracking.value,
    });
  });
  return lines;
}

export function salesWire(
  organisation: SandboxOrganisation,
  state: LedgerState,
  document: StoredSalesDocument,
) {
  const names = SALES_KINDS[document.kind];
  const paid = amountPaid(state, document.id);
  const due = new Decimal(document.total).minus(paid);
  const contact = allContacts({ organisation, state }).find((c) => c.ContactID === document.contactId);
  const payments = livePayments(state, document.id);
  const lastPayment = payments
    .map((payment) => payment.date)
    .sort()
    .at(-1);
  return {
    Type: names.type,
    [names.idField]: document.id,
    [names.numberField]: document.number,
    Reference: document.reference,
    Contact: { ContactID: document.contactId, Name: contact?.Name ?? "" },
    Date: msDate(document.date),
    DateString: `${document.date}T00:00:00`,
    DueDate: msDate(document.dueDate),
    DueDateString: `${document.dueDate}T00:00:00`,
    Status: document.status,
    LineAmountTypes: document.lineAmountTypes,
    LineItems: document.lines.map((line) => {
      const account = accountById(organisation, line.accountId);
      return {
        LineItemID: line.id,
        Description: line.description,
        Quantity: money(line.quantity),
        UnitAmount: money(line.unitAmount),
        ...(line.itemCode !== undefined && { ItemCode: line.itemCode }),
        ...(account?.Code !== undefined && { AccountCode: account.Code }),
        AccountID: line.accountId,
        TaxType: line.taxType,
        TaxAmount: money(line.taxAmount),
        LineAmount: money(line.lineAmount),
        Tracking: trackingWire(organisation, line.tracking),
      };
    }),
    SubTotal: money(document.subTotal),
    TotalTax: money(document.totalTax),
    Total: money(document.total),
    CurrencyCode: document.currency,
    CurrencyRate: 1,
    Payments: payments.map((payment) => ({
      PaymentID: payment.id,
      Date: msDate(payment.date),
      Amount: money(payment.amount),
      Reference: payment.reference,
      CurrencyRate: 1,
      HasAccount: true,
      HasValidationErrors: false,
    })),
    ...(document.kind === "invoice"
      ? { AmountDue: money(due.toFixed(2)), AmountPaid: money(paid.toFixed(2)), AmountCredited: 0 }
      : { RemainingCredit: money(due.toFixed(2)), AppliedAmount: 0, Allocations: [] }),
    ...(document.status === "PAID" && lastPayment !== undefined && { FullyPaidOnDate: msDate(lastPayment) }),
    HasAttachments: false,
    HasErrors: false,
    UpdatedDateUTC: msTimestamp(document.updatedAt),
  };
}
