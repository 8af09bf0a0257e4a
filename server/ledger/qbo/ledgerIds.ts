// How a posted document's QuickBooks objects are recorded in Daybook (PostedDocument.ledgerId and
// syncToken), so that the next post updates them in place. A journal document is one JournalEntry: its
// Id and SyncToken as they are. A receipt may be a SalesReceipt or a RefundReceipt (its sign can change
// on a repost) plus a settlement JournalEntry, so its objects are named with their types, in order:
// `SalesReceipt:145+JournalEntry:146`, SyncTokens `2+0`.
import { isReceipt, type AccountingDocument } from "../../../shared/engine/types";
import type { QboEntity } from "./wire";

export interface LedgerPart {
  entity: QboEntity;
  id: string;
  syncToken?: string;
}

const ENTITIES: readonly string[] = ["JournalEntry", "SalesReceipt", "RefundReceipt"] satisfies QboEntity[];

export function formatLedgerId(
  document: AccountingDocument,
  parts: Required<LedgerPart>[],
): { ledgerId: string; syncToken: string } {
  const [only] = parts;
  if (!isReceipt(document) && only && parts.length === 1 && only.entity === "JournalEntry")
    return { ledgerId: only.id, syncToken: only.syncToken };
  return {
    ledgerId: parts.map((part) => `${part.entity}:${part.id}`).join("+"),
    syncToken: parts.map((part) => part.syncToken).join("+"),
  };
}

export function parseLedgerId(ledgerId: string, syncToken: string | null | undefined): LedgerPart[] {
  const tokens = syncToken ? syncToken.split("+") : [];
  if (!ledgerId.includes(":"))
    return [{ entity: "JournalEntry", id: ledgerId, ...(tokens[0] && { syncToken: tokens[0] }) }];
  return ledgerId.split("+").map((text, index) => {
    const [entity, id] = text.split(":");
    if (!entity || !id || !ENTITIES.includes(entity))
      throw new Error(`${ledgerId} is not a QuickBooks ledger id`);
    const token = tokens[index];
    return { entity: entity as QboEntity, id, ...(token && { syncToken: token }) };
  });
}
