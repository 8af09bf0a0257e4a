// The extension's calls to /api, each with a session token. A 401 that invites a retry (the token
// lapsed) is retried once with a fresh token from the POS.
import type {
  ActivationResult,
  ApiErrorBody,
  CatalogKind,
  CatalogPage,
  DayAction,
  DayActionResult,
  DayDetail,
  DayRow,
  DayStatus,
  ExecutionLogView,
  ExecutionView,
  JobDetail,
  JobOptions,
  JobSearch,
  JobSearchRow,
  JobView,
  LedgerChartView,
  MappingPreview,
  MappingState,
  MappingVersionView,
  NewJob,
  SessionView,
  SyncHealth,
} from "../../../shared/api";
import type { Mapping } from "../../../shared/schemas/mapping";
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
  async function send(method: string, path: string, token: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return fetchImpl(`/api${path}`, {
      method,
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  }

  async function call(method: string, path: string, body?: unknown): Promise<Response> {
    let response = await send(method, path, await tokens.current(), body);
    if (response.status === 401 && response.headers.get(RETRY_HEADER) === "1")
      response = await send(method, path, await tokens.refresh(), body);
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

  const json = async <T>(method: string, path: string, body?: unknown) =>
    (await (await call(method, path, body)).json()) as T;
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
    ledger: () => json<{ connected: { kind: string } | null; available: string[] }>("GET", "/ledger"),
    catalog: (kind: CatalogKind, options: { search?: string; after?: string; limit?: number } = {}) => {
      const params = new URLSearchParams();
      if (options.search) params.set("search", options.search);
      if (options.after) params.set("after", options.after);
      if (options.limit) params.set("limit", String(options.limit));
      const query = params.toString();
      return json<CatalogPage>("GET", `/pos/catalog/${kind}${query ? `?${query}` : ""}`);
    },
    mapping: () => json<MappingState>("GET", "/mapping"),
    mappingVersion: (version: number) =>
      json<MappingVersionView & { mapping: Mapping }>("GET", `/mapping/versions/${version}`),
    saveDraft: (mapping: Mapping) => json<MappingState>("PUT", "/mapping/draft", mapping),
    preview: (mapping: Mapping) => json<MappingPreview>("POST", "/mapping/preview", { mapping }),
    activate: () => json<ActivationResult>("POST", "/mapping/activate"),
    regenerate: (range: { from: string; to: string }) =>
      json<{ regenerated: number; unchanged: number; skipped: number }>("POST", "/days/regenerate", range),
    jobOptions: () => json<JobOptions>("GET", "/jobs/options"),
    /** The store-days a new job could run on (the Search Stores panel). */
    searchJobs: (search: JobSearch) => {
      const params = new URLSearchParams({
        from: search.from,
        to: search.to,
        storeIds: search.storeIds.join(","),
        filter: search.filter,
      });
      if (search.filter === "status" && search.statuses?.length)
        params.set("statuses", search.statuses.join(","));
      return json<{ results: JobSearchRow[] }>("GET", `/jobs/search?${params}`);
    },
    createJob: (job: NewJob) => json<{ job: JobView }>("POST", "/jobs", job),
    /** Pending and running jobs (`active`), or finished ones (`completed`), newest first. */
    jobs: (state: "active" | "completed") => json<{ jobs: JobView[] }>("GET", `/jobs?state=${state}`),
    job: (id: string) => json<JobDetail>("GET", `/jobs/${encodeURIComponent(id)}`),
    cancelJobs: (jobIds: string[]) => json<{ jobs: JobView[] }>("POST", "/jobs/cancel", { jobIds }),
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
