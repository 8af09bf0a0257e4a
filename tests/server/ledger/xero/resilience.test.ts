// The Xero adapter when Xero is not at its best, through the sandbox's fault orders and limits: a
// refused token is refreshed once (twice refused: the connection is revoked), 429 waits for Retry-After,
// 5xx is retried, and the tenant's limiter keeps to 5 calls at once and 60 a minute. Time is the
// test's: waiting moves the clock, nothing sleeps for real.
import { afterEach, beforeEach, expect, it } from "vitest";
import { LedgerAuthError, LedgerUnavailableError } from "../../../../server/ledger/port";
import { startXeroSandbox, type XeroSandbox } from "../../sandbox/xero/setup";
import { journalOf } from "./documents";

let sandbox: XeroSandbox;
beforeEach(async () => {
  sandbox = await startXeroSandbox();
});
afterEach(() => sandbox.close());

const post = (adapter: Awaited<ReturnType<XeroSandbox["client"]>>["adapter"], key = "k1") =>
  adapter.post({ document: journalOf("cogs"), idempotencyKey: key });

it("refreshes the access token once after a 401, with the rotated refresh token, and succeeds", async () => {
  const { adapter, credentials, tokens } = await sandbox.client();
  sandbox.order("401");
  await post(adapter);
  expect(credentials.refreshed).toBe(1);
  expect(credentials.revoked).toEqual([]);
  expect((await sandbox.ledger()).journals).toHaveLength(1);
  const last = sandbox.requests.at(-1);
  expect(last?.headers.get("authorization")).not.toBe(`Bearer ${tokens.access_token}`);
});

it("revokes the connection when the refreshed token is refused too", async () => {
  const { adapter, credentials } = await sandbox.client();
  sandbox.order("401", 2);
  await expect(post(adapter)).rejects.toBeInstanceOf(LedgerAuthError);
  expect(credentials.refreshed).toBe(1);
  expect(credentials.revoked).toEqual(["Xero refused the refreshed access token"]);
  expect((await sandbox.ledger()).journals).toHaveLength(0);
});

it("waits out Retry-After on a 429, then posts once", async () => {
  const { adapter } = await sandbox.client();
  sandbox.faults.order({ target: "xero", fault: "429", count: 1, delayMs: 7_000 });
  const before = sandbox.clock();
  await post(adapter);
  expect(sandbox.time.sleeps).toContain(7_000);
  expect(sandbox.clock() - before).toBeGreaterThanOrEqual(7_000);
  expect(sandbox.requests.map((r) => r.status)).toEqual([429, 200]);
  expect((await sandbox.ledger()).journals).toHaveLength(1);
});

it("retries a 500 with backoff and succeeds; a Xero that stays down is unavailable, not failed", async () => {
  const { adapter } = await sandbox.client();
  sandbox.order("500", 2);
  await post(adapter);
  expect(sandbox.requests.map((r) => r.status)).toEqual([500, 500, 200]);
  expect(sandbox.time.sleeps).toEqual([500, 1_000]);
  sandbox.order("500", 3);
  await expect(post(adapter, "k2")).rejects.toBeInstanceOf(LedgerUnavailableError);
  expect((await sandbox.ledger()).journals).toHaveLength(1);
});

it("keeps to 5 calls at once and 60 in any minute", async () => {
  let running = 0;
  let most = 0;
  const starts: number[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    running++;
    most = Math.max(most, running);
    starts.push(sandbox.clock());
    try {
      // Let the other calls start before this one answers, as a slow network would.
      await new Promise((resolve) => setTimeout(resolve, 1));
      return await sandbox.fetch(input, init);
    } finally {
      running--;
    }
  };
  const { adapter } = await sandbox.client({ fetch });
  const charts = await Promise.all(Array.from({ length: 14 }, () => adapter.chart()));
  expect(charts.every((chart) => chart.accounts.length > 0)).toBe(true);
  expect(most).toBe(5);
  expect(starts.length).toBeGreaterThanOrEqual(70);
  for (let i = 0; i + 60 < starts.length; i++)
    expect((starts[i + 60] as number) - (starts[i] as number)).toBeGreaterThanOrEqual(60_000);
});
