// The POS client of an installed account: the Lightspeed adapter over the account's stored tokens, drawing
// on the account's bucket in the database, which every process and isolate shares.
import { posCredentials } from "../auth/posTokens";
import type { Deps } from "../deps";
import { createLightspeedClient } from "./lightspeed/client";
import { storedBucketLimiter } from "./lightspeed/storedBucket";
import type { PosClient } from "./port";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The bucket of a POS account, in the database: install, loads, jobs and webhooks all draw on it. */
export function posLimiterFor(deps: Pick<Deps, "db" | "clock" | "env">) {
  return (posAccountId: string) =>
    storedBucketLimiter(deps.db, `${deps.env.posApiUrl}|${posAccountId}`, { clock: deps.clock, sleep });
}

export function posClientFor(deps: Deps, account: { id: string; posAccountId: string }): PosClient {
  return createLightspeedClient({
    apiUrl: deps.env.posApiUrl,
    posAccountId: account.posAccountId,
    credentials: posCredentials(deps, account.id),
    fetch: deps.fetch,
    clock: deps.clock,
    limiterFor: posLimiterFor(deps),
  });
}
