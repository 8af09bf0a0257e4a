// A real, migrated libSQL database in a temporary file, one per test (or per suite).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { databaseOf, type Db } from "../../server/db/client";
import { migrateDatabase } from "../../server/db/migrate";

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
