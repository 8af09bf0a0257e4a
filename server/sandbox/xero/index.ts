// The sandbox Xero, mounted by the app at /sandbox/xero: the identity server (/identity/connect/*),
// the app's connections (/connections), the Accounting API (/api.xro/2.0/*) over two organisations,
// and the books page (/books). Fault orders for target "xero" come from the shared `faults`.
import { Hono } from "hono";
import type { Clock } from "../../clock";
import type { Db } from "../../db/client";
import type { SandboxFaults } from "../faults";
import { createSandboxXeroApi } from "./api";
import { createXeroBooks } from "./books";
import { createSandboxXeroAuth } from "./oauth";

export interface SandboxXeroOptions {
  db: Db;
  clock: Clock;
  /** The app's Xero OAuth client. */
  clientId: string;
  clientSecret: string;
  /** When given, the only redirect URIs the consent accepts. */
  redirectUris?: string[];
  faults?: SandboxFaults;
  /** Waits for "slow" fault orders. */
  faultSleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export function createSandboxXero(options: SandboxXeroOptions): Hono {
  const { db, clock } = options;
  return new Hono()
    .route(
      "/",
      createSandboxXeroAuth({
        db,
        clock,
        clientId: options.clientId,
        clientSecret: options.clientSecret,
        redirectUris: options.redirectUris,
      }),
    )
    .route("/", createSandboxXeroApi({ db, clock, faults: options.faults, faultSleep: options.faultSleep }))
    .route("/", createXeroBooks({ db }));
}
