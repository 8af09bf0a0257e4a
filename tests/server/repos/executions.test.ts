import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runAtomically } from "../../../server/repos/batch";
import {
  finishedExecution,
  listExecutionLogs,
  listExecutions,
  startExecution,
} from "../../../server/repos/executions";
import { createTestDatabase, type TestDatabase } from "../../support/database";

let database: TestDatabase;
let now: number;
const clock = () => now;
beforeEach(async () => {
  database = await createTestDatabase();
  now = 1_000;
});
afterEach(() => database.close());

describe("executions repository", () => {
  it("records a run with its scope and ordered log lines, then its success", async () => {
    const { db } = database;
    const execution = await startExecution(db, clock, {
      accountId: "a",
      action: "load",
      trigger: "user",
      actor: "user-1",
      storeId: "s",
      salesDate: "2026-03-01",
    });
    await execution.log("Loading", { sources: ["sales"] });
    now = 1_500;
    await execution.warn("Register 2 still open");
    now = 2_000;
    await execution.succeed();

    const [row] = await listExecutions(db, "a");
    expect(row).toMatchObject({
      id: execution.id,
      action: "load",
      trigger: "user",
      actor: "user-1",
      storeId: "s",
      salesDate: "2026-03-01",
      jobId: null,
      status: "succeeded",
      error: null,
      startedAt: 1_000,
      finishedAt: 2_000,
    });
    const lines = await listExecutionLogs(db, "a", execution.id);
    expect(lines.map(({ seq, at, level, message, data }) => ({ seq, at, level, message, data }))).toEqual([
      { seq: 1, at: 1_000, level: "info", message: "Loading", data: { sources: ["sales"] } },
      { seq: 2, at: 1_500, level: "warn", message: "Register 2 still open", data: null },
    ]);
  });

  it("a failure records the error on the run and as its last line", async () => {
    const { db } = database;
    const execution = await startExecution(db, clock, {
      accountId: "a",
      action: "post",
      trigger: "job",
      jobId: "j",
    });
    await execution.fail(new Error("the ledger refused the entry"));
    const [row] = await listExecutions(db, "a");
    expect(row).toMatchObject({ status: "failed", error: "the ledger refused the entry", jobId: "j" });
    const lines = await listExecutionLogs(db, "a", execution.id);
    expect(lines.at(-1)).toMatchObject({ level: "error", message: "the ledger refused the entry" });
  });

  it("a finished execution is a list of statements to batch with the writes it describes", async () => {
    const { db } = database;
    await runAtomically(
      db,
      finishedExecution(db, clock, { accountId: "a", action: "uninstall", trigger: "webhook" }, [
        { level: "info", message: "first" },
        { level: "info", message: "second", data: { n: 2 } },
      ]),
    );
    const [row] = await listExecutions(db, "a");
    expect(row).toMatchObject({ status: "succeeded", startedAt: 1_000, finishedAt: 1_000 });
    const lines = await listExecutionLogs(db, "a", row!.id);
    expect(lines.map((line) => [line.seq, line.message])).toEqual([
      [1, "first"],
      [2, "second"],
    ]);
  });

  it("an account never reads another account's runs or lines", async () => {
    const { db } = database;
    const execution = await startExecution(db, clock, { accountId: "a", action: "load", trigger: "user" });
    await execution.log("private");
    expect(await listExecutions(db, "b")).toEqual([]);
    expect(await listExecutionLogs(db, "b", execution.id)).toEqual([]);
  });
});
