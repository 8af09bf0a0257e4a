// The bindings the workerd tests see: wrangler.toml's, the secrets and the migrations of vitest.config.ts.
import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      WORK_QUEUE: Queue;
      APP_URL: string;
      POS_ORIGIN: string;
      /** The built extension (wrangler.toml [assets]). */
      ASSETS: Fetcher;
      DATABASE_URL: string;
      DATABASE_AUTH_TOKEN?: string;
      /** Never set for the Worker: the tests set it to see it refused. */
      SANDBOX?: string;
      POS_CLIENT_SECRET: string;
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
