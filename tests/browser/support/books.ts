// What a browser test sets up around the screens: session tokens from the sandbox POS, calls to the API
// as a given employee, and an active mapping written into the server's database (the mapping screens
// are issue 7's; until then a test activates the mapping the way other tests do).
import { createClient } from "@libsql/client";
import type { LedgerChartView, SessionView } from "../../../shared/api";
import { DEMO_COFFEE } from "../../../server/sandbox/pos/roster";
import type { LedgerChart } from "../../../server/ledger/port";
import { mappingForChart } from "../../support/ledgerMapping";
import type { Stack } from "./stack";

/** Demo Coffee's employees in the sandbox roster. */
export const SAM_SUPER_USER = "1";
export const MARIE_MANAGER_FR = "2";
export const CASEY_CASHIER = "3";

export async function sessionToken(stack: Stack, employeeId: string, accountId = DEMO_COFFEE.accountID) {
  const response = await fetch(`${stack.posUrl}/sandbox/pos/session-token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ accountId, employeeId }),
  });
  if (!response.ok) throw new Error(`session-token: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

export async function callApi<T>(
  stack: Stack,
  employeeId: string,
  method: string,
  path: string,
  body?: unknown,
  accountId: string = DEMO_COFFEE.accountID,
) {
  const response = await fetch(`${stack.appUrl}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await sessionToken(stack, employeeId, accountId)}`,
      ...(body !== undefined && { "content-type": "application/json" }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Activates a mapping of the connected ledger's chart covering the sandbox catalog, as version 1. */
export async function activateSandboxMapping(stack: Stack): Promise<void> {
  const session = await callApi<SessionView>(stack, SAM_SUPER_USER, "GET", "/session");
  const { chart } = await callApi<LedgerChartView>(stack, SAM_SUPER_USER, "GET", "/ledger/chart");
  const mapping = mappingForChart(chart as unknown as LedgerChart);
  const client = createClient({ url: stack.databaseUrl });
  try {
    await client.execute({
      sql: "insert into mappings (id, account_id, version, status, body, activated_at) values (?, ?, 1, 'active', ?, ?)",
      args: [crypto.randomUUID(), session.account.id, JSON.stringify(mapping), Date.now()],
    });
  } finally {
    client.close();
  }
}
