// The preview command, run as people and outside checks run it (a child process), and in-process for
// the exhaustive bad-input sweep.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { preview } from "../../../server/cli/preview";
import { fixturePath } from "../../support/examples";

const root = fileURLToRoot();
function fileURLToRoot() {
  return new URL("../../../", import.meta.url).pathname;
}
const dayFile = fixturePath("example-day.json");
const mappingFile = fixturePath("example-mapping.json");
const dir = mkdtempSync(join(tmpdir(), "daybook-preview-"));
const hledger = spawnSync("hledger", ["--version"]).status === 0;

function daybook(...args: string[]) {
  const run = spawnSync(process.execPath, ["--import", "tsx", join(root, "server/cli.ts"), ...args], {
    encoding: "utf8",
    env: { ...process.env, LANG: "C.UTF-8" },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function writeJson(name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));

/** The example mapping without All Sales: the Grocery category then holds the day. */
function heldMappingFile(): string {
  const mapping = readJson(mappingFile);
  delete mapping.sales.all;
  return writeJson("held.json", mapping);
}

describe("daybook preview (command line)", () => {
  it("prints the documents as JSON and exits 0", () => {
    const run = daybook("preview", "--day", dayFile, "--mapping", mappingFile);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.status).toBe("ready");
    expect(result.documents[0].total).toBe("207.16");
  });

  it.skipIf(!hledger)("prints an hledger journal that `hledger check` accepts", () => {
    const run = daybook("preview", "--day", dayFile, "--mapping", mappingFile, "--format", "hledger");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("    1010  71.14 CAD  ; class:Downtown");
    const check = spawnSync("hledger", ["-f", "-", "check"], { input: run.stdout, encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
  });

  it("exits 2 naming the field when the input is invalid", () => {
    const day = readJson(dayFile);
    delete day.sales[1].payments[0].amount;
    const run = daybook("preview", "--day", writeJson("bad-day.json", day), "--mapping", mappingFile);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("day.sales[1].payments[0].amount");
    expect(run.stdout).toBe("");
  });

  it("exits 2 on a missing file, broken JSON, a missing option or an unknown format", () => {
    expect(daybook("preview", "--day", join(dir, "nope.json"), "--mapping", mappingFile).code).toBe(2);
    writeFileSync(join(dir, "broken.json"), "{ not json");
    const broken = daybook("preview", "--day", join(dir, "broken.json"), "--mapping", mappingFile);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain("is not valid JSON");
    expect(daybook("preview", "--day", dayFile).code).toBe(2);
    expect(daybook("preview", "--day", dayFile, "--mapping", mappingFile, "--format", "csv").code).toBe(2);
    expect(daybook("publish").code).toBe(2);
  });

  it("exits 3 and says why when the day is held", () => {
    const run = daybook("preview", "--day", dayFile, "--mapping", heldMappingFile(), "--format", "hledger");
    expect(run.code).toBe(3);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('Sales category "Grocery" is not mapped');
  });

  it("exits 3 and names the sales when the day is out of balance", () => {
    const day = readJson(dayFile);
    day.sales[0].payments[0].amount = "45.00";
    const run = daybook("preview", "--day", writeJson("unbalanced.json", day), "--mapping", mappingFile);
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout).status).toBe("out_of_balance");
    expect(run.stderr).toContain("Sale 1001");
  });

  it("speaks French when asked", () => {
    const run = daybook("preview", "--day", dayFile, "--mapping", heldMappingFile(), "--locale", "fr");
    expect(run.stderr).toContain("La catégorie de ventes « Grocery » n’est pas mappée");
  });
});

/** Every field path of a JSON value, with whether the contract lets it be absent. */
function* fieldPaths(value: unknown, path: (string | number)[] = []): Generator<(string | number)[]> {
  if (Array.isArray(value)) {
    for (const [index, inner] of value.entries()) yield* fieldPaths(inner, [...path, index]);
    return;
  }
  if (value && typeof value === "object")
    for (const [key, inner] of Object.entries(value)) {
      yield [...path, key];
      yield* fieldPaths(inner, [...path, key]);
    }
}

const pathText = (path: (string | number)[]) =>
  path.map((key, index) => (typeof key === "number" ? `[${key}]` : index ? `.${key}` : key)).join("");

// Fields the contracts mark optional, and the entries of id-keyed records (any key may be absent).
const OPTIONAL_DAY = /(\.voidedAt|\.unitCost|\.closedAt|\.counted)$/;
const OPTIONAL_MAPPING =
  /^(sales\.all|discounts\.(all|returns)|otherCharges\.(giftCards|tips|creditAccount)|payments\.allCreditCards|cashDrawer\.paidIns|inventory\.all|purchaseOrders|rounding|.*\.vendor|inventory\.byCategory\.\w+\.(inventory|cogs|ignore))$|^(sales\.by(Category|Item)|discounts\.byDiscount|otherCharges\.byTax|taxes\.byTax|payments\.byType|inventory\.byCategory|classes)\.[\w-]+$|\.(account|item)$/;

function setAt(root: any, path: (string | number)[], change: (parent: any, key: string | number) => void) {
  const copy = structuredClone(root);
  const parent = path.slice(0, -1).reduce((node, key) => node[key], copy);
  change(parent, path[path.length - 1]!);
  return copy;
}

describe("every required field, missing or malformed, exits 2 naming its path", () => {
  const cases: { what: "day" | "mapping"; path: string; input: unknown }[] = [];
  for (const [what, file, optional] of [
    ["day", dayFile, OPTIONAL_DAY],
    ["mapping", mappingFile, OPTIONAL_MAPPING],
  ] as const) {
    const source = readJson(file);
    for (const path of fieldPaths(source)) {
      const text = pathText(path);
      if (typeof path[path.length - 1] !== "number" && !optional.test(text))
        cases.push({ what, path: text, input: setAt(source, path, (parent, key) => delete parent[key]) });
      cases.push({
        what,
        path: text,
        input: setAt(source, path, (parent, key) => (parent[key] = { malformed: true })),
      });
    }
  }

  it(`covers ${cases.length} cases`, async () => {
    expect(cases.length).toBeGreaterThan(400);
    for (const { what, path, input } of cases) {
      const file = writeJson(`${what}.json`, input);
      const output = await preview({
        day: what === "day" ? file : dayFile,
        mapping: what === "mapping" ? file : mappingFile,
        locale: "en",
      });
      expect({ path, code: output.code }).toEqual({ path, code: 2 });
      expect(output.stderr, path).toContain(`${what}.${path}`);
    }
  });
});
