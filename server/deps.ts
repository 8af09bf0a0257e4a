// What the Hono app and the services are built from; each runtime entry assembles it.
import type { Clock } from "./clock";
import type { Db } from "./db/client";
import type { Env } from "./env";
import type { Mailer } from "./mail/port";
import type { Queue } from "./queue/port";

export interface Deps {
  env: Env;
  db: Db;
  queue: Queue;
  clock: Clock;
  /** Outbound HTTP (the POS, the ledgers); tests and the sandbox pass their own. */
  fetch: typeof fetch;
  /** Completion emails; absent when no email provider is configured (then none are offered). */
  mailer?: Mailer;
}
