// The sandbox QuickBooks Online, mounted by the app at /sandbox/qbo: the OAuth server
// (/connect/oauth2, /oauth2/v1/tokens/bearer, /oauth2/v1/tokens/revoke), the Accounting API at /v3
// (/v3/company/{realmId}/...) for the sandbox companies (companies.ts), and the books page at /books.
// Fault orders with target "qbo" come from the shared SandboxFaults (server/sandbox/faults.ts).
import { Hono } from "hono";
import type { Clock } from "../../clock";
import type { Db } from "../../db/client";
import type { SandboxFaults } from "../faults";
import { createSandboxQboApi } from "./api";
import { createBooks } from "./books";
import { createBooksPage } from "./booksPage";
import { createSandboxQboAuth, sandboxQboTokenGrant } from "./oauth";
import { createRealmRateLimit } from "./rateLimit";

export interface SandboxQboOptions {
  db: Db;
  clock: Clock;
  /** Daybook's QuickBooks app: the only client the OAuth server knows. */
  clientId: string;
  clientSecret: string;
  faults?: SandboxFaults;
  /** Waits for "slow" fault orders. */
  faultSleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Requests a minute per company; QuickBooks' 500 by default. */
  requestsPerMinute?: number;
}

export function createSandboxQbo(options: SandboxQboOptions): Hono {
  const { db, clock } = options;
  const books = createBooks(db);
  const app = new Hono();
  app.route(
    "/",
    createSandboxQboAuth({ db, clock, clientId: options.clientId, clientSecret: options.clientSecret }),
  );
  app.route(
    "/v3",
    createSandboxQboApi({
      clock,
      books,
      authenticate: (token) => sandboxQboTokenGrant(db, clock, token),
      faults: options.faults,
      rateLimit: createRealmRateLimit(clock, options.requestsPerMinute),
      faultSleep: options.faultSleep,
    }),
  );
  app.route("/", createBooksPage(books));
  return app;
}
