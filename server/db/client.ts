// One drizzle database type for every driver: a libSQL file (Node), Turso over HTTP (Workers).
import type { Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import * as schema from "./schema";

export type Db = LibSQLDatabase<typeof schema>;
export { schema };

export function databaseOf(client: Client): Db {
  return drizzle(client, { schema });
}
