// The POS client of an installed account: the Lightspeed adapter over the account's stored tokens, drawing
// on the account's bucket in the database, which every process and isolate shares.
import { posCredentials } from "../auth/posTokens";
import type { Deps } from "../deps";
import { createLightspeedClient } from "./lightspeed/client";
import { storedBucketLimiter } from "./lightspeed/storedBucket";
import type { PosClient } from "./port";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function posClientFor(deps: Deps, account: { id: string; posAccountId: string }): PosClient {
  const { db, clock } = deps;
  return createLightspeedClient({
    apiUrl: deps.env.posApiUrl,
    posAccountId: account.posAccountId,
    credentials: posCredentials(deps, account.id),
    fetch: deps.fetch,
    clock,
    limiter: storedBucketLimiter(db, `${deps.env.posApiUrl}|${account.posAccountId}`, { clock, sleep }),
  });
}
