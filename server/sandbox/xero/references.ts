// What a request's lines point at in the organisation — an account by AccountCode or AccountID, a tax
// rate, tracking options — checked the way Xero checks them, with messages that name the reference.
import type { StoredTracking } from "./ledgerState";
import type { SandboxAccount, SandboxOrganisation, SandboxTaxRate } from "./organisations";

/** How Xero names an account in its messages: by its code, or by its id when it has none. */
export function accountLabel(account: Pick<SandboxAccount, "Code" | "AccountID">): string {
  return account.Code !== undefined ? `Account code '${account.Code}'` : `Account ID '${account.AccountID}'`;
}

export type Resolved<T> = { value: T } | { error: string };

/** The active account a line names, or why it cannot be used. */
export function accountOf(
  organisation: SandboxOrganisation,
  reference: { AccountCode?: unknown; AccountID?: unknown; Code?: unknown },
): Resolved<SandboxAccount> {
  const id = typeof reference.AccountID === "string" ? reference.AccountID : undefined;
  const code =
    typeof reference.AccountCode === "string"
      ? reference.AccountCode
      : typeof reference.Code === "string"
        ? reference.Code
        : undefined;
  if (id === undefined && code === undefined)
    return { error: "An account must be specified (AccountCode or AccountID)." };
  const account = organisation.accounts.find((candidate) =>
    id !== undefined ? candidate.AccountID === id : candidate.Code === code,
  );
  if (!account)
    return {
      error:
        id !== undefined
          ? `Account ID '${id}' is not a valid account for this document.`
          : `Account code '${code}' is not a valid code for this document.`,
    };
  if (account.Status !== "ACTIVE")
    return {
      error: `${accountLabel(account)} has been archived, or deleted. Each line item must reference a valid account.`,
    };
  return { value: account };
}

export function taxRateOf(organisation: SandboxOrganisation, taxType: string): Resolved<SandboxTaxRate> {
  const rate = organisation.taxRates.find((candidate) => candidate.TaxType === taxType);
  return rate?.Status === "ACTIVE"
    ? { value: rate }
    : {
        error: `The TaxType code ${taxType} does not exist or cannot be used with this type of transaction.`,
      };
}

/** A line's tracking: at most two elements, each a category and one of its active options, by id or name. */
export function trackingOf(organisation: SandboxOrganisation, value: unknown): Resolved<StoredTracking[]> {
  if (value === undefined) return { value: [] };
  if (!Array.isArray(value)) return { error: "Tracking must be a list of tracking categories." };
  if (value.length > 2) return { error: "A line can have at most two tracking categories." };
  const tracking: StoredTracking[] = [];
  for (const element of value as Record<string, unknown>[]) {
    const category = organisation.trackingCategories.find(
      (candidate) =>
        candidate.TrackingCategoryID === element.TrackingCategoryID ||
        (element.TrackingCategoryID === undefined && candidate.Name === element.Name),
    );
    const categoryName = String(element.TrackingCategoryID ?? element.Name);
    if (!category) return { error: `Tracking category '${categoryName}' is not valid.` };
    const option = category.Options.find(
      (candidate) =>
        candidate.TrackingOptionID === element.TrackingOptionID ||
        (element.TrackingOptionID === undefined && candidate.Name === element.Option),
    );
    const optionName = String(element.TrackingOptionID ?? element.Option);
    if (!option || option.Status !== "ACTIVE")
      return {
        error: `Tracking option '${optionName}' is not valid for the tracking category '${category.Name}'.`,
      };
    if (tracking.some((entry) => entry.categoryId === category.TrackingCategoryID))
      return { error: `Tracking category '${category.Name}' is given twice on one line.` };
    tracking.push({ categoryId: category.TrackingCategoryID, optionId: option.TrackingOptionID });
  }
  return { value: tracking };
}

/** Tracking as Xero returns it on a line. */
export function trackingWire(organisation: SandboxOrganisation, tracking: StoredTracking[]) {
  return tracking.map(({ categoryId, optionId }) => {
    const category = organisation.trackingCategories.find((c) => c.TrackingCategoryID === categoryId);
    const option = category?.Options.find((o) => o.TrackingOptionID === optionId);
    return {
      Name: category?.Name ?? "",
      Option: option?.Name ?? "",
      TrackingCategoryID: categoryId,
      TrackingOptionID: optionId,
    };
  });
}

export function accountById(
  organisation: SandboxOrganisation,
  accountId: string,
): SandboxAccount | undefined {
  return organisation.accounts.find((account) => account.AccountID === accountId);
}
