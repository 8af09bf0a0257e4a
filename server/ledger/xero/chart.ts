// The organisation's chart for the mapping screens: accounts (id = Code, else AccountID; type = Xero's
// Type, subtype = SystemAccount such as DEBTORS), items by Code, tax rates by TaxType, tracking options
// as classes, and supplier contacts as vendors.
import { Decimal } from "../../../shared/money";
import type { LedgerChart } from "../port";
import type { XeroApi } from "./api";
import { chartAccountId, classId } from "./references";
import {
  AccountsAnswer,
  ContactsAnswer,
  ItemsAnswer,
  TaxRatesAnswer,
  TrackingCategoriesAnswer,
} from "./wire";

const SUPPLIERS = `Contacts?where=${encodeURIComponent("IsSupplier==true")}&includeArchived=true`;

export async function readChart(api: XeroApi): Promise<LedgerChart> {
  const [accounts, items, taxRates, tracking, suppliers] = await Promise.all([
    api.read("Accounts", AccountsAnswer),
    api.read("Items", ItemsAnswer),
    api.read("TaxRates", TaxRatesAnswer),
    api.read("TrackingCategories?includeArchived=true", TrackingCategoriesAnswer),
    api.read(SUPPLIERS, ContactsAnswer),
  ]);
  return {
    accounts: accounts.Accounts.map((account) => ({
      id: chartAccountId(account),
      name: account.Name,
      active: account.Status === "ACTIVE",
      type: account.Type,
      ...(account.SystemAccount && { subtype: account.SystemAccount }),
      ...(account.Code && { code: account.Code }),
    })),
    items: items.Items.map((item) => ({ id: item.Code, name: item.Name ?? item.Code, active: true })),
    taxCodes: taxRates.TaxRates.map((rate) => ({
      id: rate.TaxType,
      name: rate.Name,
      active: rate.Status === "ACTIVE",
      // Xero's rates are short decimals (14.975): the double's shortest form is the rate itself.
      ...(rate.EffectiveRate !== undefined && { rate: new Decimal(rate.EffectiveRate).toFixed() }),
    })),
    classes: tracking.TrackingCategories.flatMap((category) =>
      category.Options.map((option) => ({
        id: classId(category.TrackingCategoryID, option.TrackingOptionID),
        name: `${category.Name}: ${option.Name}`,
        active: category.Status === "ACTIVE" && option.Status === "ACTIVE",
      })),
    ),
    vendors: suppliers.Contacts.map((contact) => ({
      id: contact.ContactID,
      name: contact.Name,
      active: (contact.ContactStatus ?? "ACTIVE") === "ACTIVE",
    })),
  };
}
