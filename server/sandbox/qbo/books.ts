// What the sandbox companies' books hold, persisted in the sandbox state so they survive a restart: the
// transactions apps posted (one key per object, listed in Id order), the realm's id sequence (QuickBooks
// numbers transactions of every type from one sequence), and the answers to writes by `requestid`, so a
// repeated request gets the first answer instead of a second object.
import type { Db } from "../../db/client";
import { listState, readState, writeState } from "../state";
import type { QboObject } from "./companies";

export const TRANSACTION_ENTITIES = ["JournalEntry", "SalesReceipt", "RefundReceipt"] as const;
export type TransactionEntity = (typeof TRANSACTION_ENTITIES)[number];

export interface StoredAnswer {
  status: number;
  body: unknown;
}

/** Ids padded so that the state's key order is the numeric order. */
/** What a deleted transaction leaves (the state's values cannot be null). */
type Stored = QboObject | { deleted: true };
const live = (value: Stored | null): QboObject | undefined =>
  value && !("deleted" in value) ? value : undefined;

const objectKey = (realmId: string, entity: TransactionEntity, id: string) =>
  `qbo:${realmId}:txn:${entity}:${id.padStart(12, "0")}`;

export function createBooks(db: Db) {
  return {
    async list(realmId: string, entity: TransactionEntity): Promise<QboObject[]> {
      const rows = await listState<Stored>(db, `qbo:${realmId}:txn:${entity}:`);
      return rows.flatMap((row) => live(row.value) ?? []);
    },

    async get(realmId: string, entity: TransactionEntity, id: string): Promise<QboObject | undefined> {
      if (!/^\d{1,12}$/.test(id)) return undefined;
      return live(await readState<Stored | null>(db, objectKey(realmId, entity, id), null));
    },

    async put(realmId: string, entity: TransactionEntity, object: QboObject): Promise<void> {
      await writeState(db, objectKey(realmId, entity, object.Id), object);
    },

    /** A deleted transaction is gone from lists and reads. */
    async remove(realmId: string, entity: TransactionEntity, id: string): Promise<void> {
      await writeState<Stored>(db, objectKey(realmId, entity, id), { deleted: true });
    },

    async nextId(realmId: string): Promise<string> {
      const key = `qbo:${realmId}:sequence`;
      const next = (await readState<number>(db, key, 0)) + 1;
      await writeState(db, key, next);
      return String(next);
    },

    answered(realmId: string, requestId: string): Promise<StoredAnswer | null> {
      return readState<StoredAnswer | null>(db, `qbo:${realmId}:requestid:${requestId}`, null);
    },

    remember(realmId: string, requestId: string, answer: StoredAnswer): Promise<void> {
      return writeState(db, `qbo:${realmId}:requestid:${requestId}`, answer);
    },
  };
}

export type SandboxBooks = ReturnType<typeof createBooks>;
