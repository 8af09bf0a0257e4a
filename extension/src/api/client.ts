// The extension's calls to /api, each with a session token. A 401 that invites a retry (the token
// lapsed) is retried once with a fresh token from the POS.
import type {
  ApiErrorBody,
  DayAction,
  DayActionResult,
  DayDetail,
  DayRow,
  DayStatus,
  ExecutionLogView,
  ExecutionView,
  LedgerChartView,
  SessionView,
  SyncHealth,
} from "../../../shared/api";
import type { TokenSource } from "../session/token";

const RETRY_HEADER = "X-Pos-Retry-Invalid-Session-Request";

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface DaysQuery {
  from: string;
  to: string;
  storeId?: string;
  status?: DayStatus[];
}

export function createApi(tokens: TokenSource, fetchImpl: typeof fetch = fetch.bind(globalThis)) {
  async function send(method: string, path: string, token: string): Promise<Response> {
    return fetchImpl(`/api${path}`, { method, headers: { Authorization: `Bearer ${token}` } });
  }

  async function call(method: string, path: string): Promise<Response> {
    let response = await send(method, path, await tokens.current());
    if (response.status === 401 && response.headers.get(RETRY_HEADER) === "1")
      response = await send(method, path, await tokens.refresh());
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as ApiErrorBody | null;
      throw new ApiError(
        response.status,
        body?.error.code ?? "http_error",
        body?.error.message ?? response.statusText,
        body?.error.field,
      );
    }
    return response;
  }

  const json = async <T>(method: string, path: string) => (await (await call(method, path)).json()) as T;
  const day = (storeId: string, date: string) => `/days/${encodeURIComponent(storeId)}/${date}`;

  return {
    session: () => json<SessionView>("GET", "/session"),
    health: () => json<SyncHealth>("GET", "/health"),
    days: (query: DaysQuery) => {
      const params = new URLSearchParams({ from: query.from, to: query.to });
      if (query.storeId) params.set("storeId", query.storeId);
      if (query.status?.length) params.set("status", query.status.join(","));
      return json<{ days: DayRow[] }>("GET", `/days?${params}`);
    },
    day: (storeId: string, date: string) => json<DayDetail>("GET", day(storeId, date)),
    act: (storeId: string, date: string, action: DayAction) =>
      json<DayActionResult>("POST", `${day(storeId, date)}/${action}`),
    executionLogs: (id: string) =>
      json<{ execution: ExecutionView; logs: ExecutionLogView[] }>(
        "GET",
        `/executions/${encodeURIComponent(id)}/logs`,
      ),
    chart: () => json<LedgerChartView>("GET", "/ledger/chart"),
    /** The support export, with the file name the server gives it. */
    async exportCsv(storeId: string, date: string): Promise<{ blob: Blob; filename: string }> {
      const response = await call("GET", `${day(storeId, date)}/export.csv`);
      const disposition = response.headers.get("Content-Disposition") ?? "";
      const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `daybook-${storeId}-${date}.csv`;
      return { blob: await response.blob(), filename };
    },
  };
}

export type Api = ReturnType<typeof createApi>;
