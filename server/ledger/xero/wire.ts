// Xero's JSON as the adapter reads it (only the fields it uses; Xero sends many more), and the one
// place amounts become JSON numbers.
import { z } from "zod";
import { Decimal } from "../../../shared/money";

/** Amounts are decimal strings everywhere in Daybook and JSON numbers in Xero's API. A decimal of at
 *  most 4 places becomes the double whose shortest JSON form is that same decimal ("12.30" is sent as
 *  12.3), so money crosses this edge exactly; nothing is added up after the conversion. */
export function wireAmount(value: Decimal | string): number {
  const amount = new Decimal(value).toNumber();
  return amount === 0 ? 0 : amount; // never -0 (a negative share rounded to nothing)
}

export const AccountsAnswer = z.object({
  Accounts: z.array(
    z.object({
      AccountID: z.string(),
      Code: z.string().optional(),
      Name: z.string(),
      Type: z.string(),
      Status: z.string(),
      SystemAccount: z.string().optional(),
    }),
  ),
});

export const ItemsAnswer = z.object({
  Items: z.array(z.object({ Code: z.string(), Name: z.string().optional() })),
});

export const TaxRatesAnswer = z.object({
  TaxRates: z.array(
    z.object({
      TaxType: z.string(),
      Name: z.string(),
      Status: z.string(),
      EffectiveRate: z.number().optional(),
    }),
  ),
});

export const TrackingCategoriesAnswer = z.object({
  TrackingCategories: z.array(
    z.object({
      TrackingCategoryID: z.string(),
      Name: z.string(),
      Status: z.string(),
      Options: z.array(z.object({ TrackingOptionID: z.string(), Name: z.string(), Status: z.string() })),
    }),
  ),
});

export const ContactsAnswer = z.object({
  Contacts: z.array(
    z.object({ ContactID: z.string(), Name: z.string(), ContactStatus: z.string().optional() }),
  ),
});

export const ManualJournalsAnswer = z.object({
  ManualJournals: z
    .array(z.object({ ManualJournalID: z.string(), Status: z.string(), Narration: z.string().optional() }))
    .min(1),
});

const PaymentRef = z.object({ PaymentID: z.string() });
const SalesFields = {
  Status: z.string(),
  Contact: z.object({ Name: z.string().optional() }).optional(),
  Payments: z.array(PaymentRef).optional(),
};

export const InvoicesAnswer = z.object({
  Invoices: z.array(
    z.object({ InvoiceID: z.string(), InvoiceNumber: z.string().optional(), ...SalesFields }),
  ),
});

export const CreditNotesAnswer = z.object({
  CreditNotes: z.array(
    z.object({ CreditNoteID: z.string(), CreditNoteNumber: z.string().optional(), ...SalesFields }),
  ),
});

export const PaymentsAnswer = z.object({ Payments: z.array(PaymentRef).min(1) });
