// Migrates the test D1 database before each file (applyD1Migrations skips what is already applied).
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
