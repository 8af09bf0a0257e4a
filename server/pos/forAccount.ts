// The POS client of an installed account: the Lightspeed adapter over the account's stored tokens.
import { posCredentials } from "../auth/posTokens";
import type { Deps } from "../deps";
import { createLightspeedClient } from "./lightspeed/client";
import type { PosClient } from "./port";

export function posClientFor(deps: Deps, account: { id: string; posAccountId: string }): PosClient {
  return createLightspeedClient({
    apiUrl: deps.env.posApiUrl,
    posAccountId: account.posAccountId,
    credentials: posCredentials(deps, account.id),
    fetch: deps.fetch,
    clock: deps.clock,
  });
}
