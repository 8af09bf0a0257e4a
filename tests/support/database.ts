// A real, migrated libSQL database in a temporary file, one per test (or per suite).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { databaseOf, type Db } from "../../server/db/client";
import { migrateDatabase } from "../../server/db/migrate";
import { upsertInstalledAccount } from "../../server/repos/accounts";

export interface TestDatabase {
  db: Db;
  /** The file's libSQL URL: another client over it sees the same data, as after a restart. */
  url: string;
  /** Closes the connection and deletes the file. */
  close(): void;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const directory = mkdtempSync(join(tmpdir(), "daybook-test-"));
  const url = `file:${join(directory, "daybook.db")}`;
  const client = createClient({ url });
  const db = databaseOf(client);
  await migrateDatabase(db);
  return {
    db,
    url,
    close() {
      client.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** A test database holding two installed accounts, "a" (POS 1001) and "b" (POS 2002), for isolation tests. */
export async function createTwoAccountDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  for (const [id, posAccountId] of [
    ["a", "1001"],
    ["b", "2002"],
  ] as const)
    await upsertInstalledAccount(
      database.db,
      { id, posAccountId, name: id.toUpperCase(), syncStartDate: "2026-01-01" },
      1,
    );
  return database;
}
