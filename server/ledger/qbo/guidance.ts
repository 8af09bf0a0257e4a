// QuickBooks' refusal of a write, turned into what the merchant can act on. Its messages rarely name
// the account or item at fault ("Invalid Reference Id: Something you're trying to use has been made
// inactive"), so for a reference error the adapter looks at each reference the object used, in the order
// of the element QuickBooks names, and reports the first one missing from the company or inactive: with
// the mapped account or item, so the day shows what to fix.
import { LedgerValidationError } from "../port";
import type { ListKind, QboLists } from "./lists";
import type { QboFault } from "./rest";
import type { QboEntity } from "./wire";

const REFERENCE_KINDS: Record<string, ListKind> = {
  AccountRef: "Account",
  DepositToAccountRef: "Account",
  ItemRef: "Item",
  ClassRef: "Class",
  EntityRef: "Vendor",
  TaxRateRef: "TaxRate",
  TaxCodeRef: "TaxCode",
};
const KIND_NAMES: Record<ListKind, string> = {
  Account: "account",
  Item: "item",
  Class: "class",
  Vendor: "vendor",
  TaxRate: "tax rate",
  TaxCode: "tax code",
};
const ENTITY_NAMES: Record<QboEntity, string> = {
  JournalEntry: "the journal entry",
  SalesReceipt: "the sales receipt",
  RefundReceipt: "the refund receipt",
};
/** Invalid Reference Id; Object Not Found when it is about a reference rather than the transaction. */
const REFERENCE_CODES = ["2500", "610"];

interface Reference {
  kind: ListKind;
  id: string;
  key: string;
}

/** Every `{value}` reference in a body, in order, with the property that holds it. */
function referencesOf(value: unknown, found: Reference[] = [], key = ""): Reference[] {
  if (Array.isArray(value)) value.forEach((entry) => referencesOf(entry, found, key));
  else if (typeof value === "object" && value !== null) {
    const kind = REFERENCE_KINDS[key];
    const id = (value as { value?: unknown }).value;
    if (kind && typeof id === "string") found.push({ kind, id, key });
    else for (const [child, entry] of Object.entries(value)) referencesOf(entry, found, child);
  }
  return found;
}

export async function guidanceFor(
  fault: QboFault,
  write: { entity: QboEntity; docNumber: string; body: object },
  lists: QboLists,
): Promise<LedgerValidationError> {
  const what = `${ENTITY_NAMES[write.entity]} ${write.docNumber}`;
  const said = fault.errors.map((error) => `${error.detail || error.message} (${error.code})`).join("; ");
  const reference = fault.errors.find((error) => REFERENCE_CODES.includes(error.code));
  if (reference) {
    // Reading the lists can fail too; QuickBooks' own words are the answer then.
    const found = await unusableReference(write.body, reference.element, lists).catch(() => undefined);
    if (found) {
      const kind = KIND_NAMES[found.kind];
      const message =
        found.problem === "inactive"
          ? `QuickBooks refused ${what}: the ${kind} ${found.name} (${found.id}) is inactive. Make it active in QuickBooks or map another ${kind}.`
          : `QuickBooks refused ${what}: the ${kind} ${found.id} is not in this QuickBooks company. Map another ${kind}.`;
      const target =
        found.kind === "Account"
          ? { account: found.id }
          : found.kind === "Item"
            ? { item: found.id }
            : undefined;
      return new LedgerValidationError(message, target);
    }
  }
  return new LedgerValidationError(`QuickBooks refused ${what}: ${said}`);
}

/** The first reference of the body QuickBooks cannot use, those of the element it named first. */
async function unusableReference(body: object, element: string | undefined, lists: QboLists) {
  const named = element?.split(".").at(-1) ?? "";
  const references = referencesOf(body).sort((a, b) => Number(b.key === named) - Number(a.key === named));
  const seen = new Set<string>();
  for (const reference of references) {
    const key = `${reference.kind}:${reference.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const problem = await lists.unusable(reference.kind, reference.id);
    if (problem) return { ...reference, ...problem };
  }
  return undefined;
}
