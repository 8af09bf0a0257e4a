// `daybook preview`: the engine on a day and a mapping from files, for people and outside checks.
// Exit 0 when generated, 2 on invalid input (naming the field), 3 when the day is held or out of balance.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { generate } from "../../shared/engine/generate";
import { summarize } from "../../shared/engine/totals";
import type { ChartAccount } from "../../shared/engine/types";
import { toHledger } from "../../shared/hledger";
import { type Locale, type MessageKey, translate } from "../../shared/i18n";
import { describeProblem } from "../../shared/problemText";
import { type FieldError, type Parsed, toFieldErrors } from "../../shared/schemas/common";
import { parseMapping } from "../../shared/schemas/mapping";
import { parsePosDay } from "../../shared/schemas/posDay";

export interface PreviewArgs {
  day?: string;
  mapping?: string;
  chart?: string;
  format?: string;
  locale: Locale;
}

export interface CommandOutput {
  code: 0 | 2 | 3;
  stdout: string;
  stderr: string;
}

const ChartSchema = z.array(z.object({ id: z.string().min(1), name: z.string(), type: z.string() }));
const parseChart = (input: unknown): Parsed<ChartAccount[]> => {
  const result = ChartSchema.safeParse(input);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, errors: toFieldErrors(result.error) };
};

class InputError extends Error {}

export async function preview(args: PreviewArgs): Promise<CommandOutput> {
  const t = (key: MessageKey, params?: Record<string, string>) => translate(args.locale, key, params);
  const format = args.format ?? "json";
  if (!args.day || !args.mapping || (format !== "json" && format !== "hledger"))
    return { code: 2, stdout: "", stderr: `${t("cli.usage")}\n` };

  async function load<T>(
    what: "day" | "mapping" | "chart",
    file: string,
    parse: (input: unknown) => Parsed<T>,
  ) {
    const name = t(`cli.what.${what}`);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      throw new InputError(t("cli.unreadable", { what: name, file, reason: (error as Error).message }));
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new InputError(t("cli.not_json", { what: name, file, reason: (error as Error).message }));
    }
    const parsed = parse(json);
    if (!parsed.ok)
      throw new InputError(`${t("cli.invalid", { what: name })}\n${listErrors(what, parsed.errors)}`);
    return parsed.value;
  }

  try {
    const day = await load("day", args.day, parsePosDay);
    const mapping = await load("mapping", args.mapping, parseMapping);
    const chart = args.chart ? await load("chart", args.chart, parseChart) : undefined;
    const result = generate(day, mapping, { locale: args.locale, ...(chart && { chart }) });
    const blocked = result.status === "hold" || result.status === "out_of_balance";
    const report = { ...result, totals: summarize(day) };
    const stdout =
      format === "json" ? `${JSON.stringify(report, null, 2)}\n` : blocked ? "" : toHledger(result.documents);
    const notes = result.problems.map((problem) => `  - ${describeProblem(problem, args.locale)}`).join("\n");
    const heading = result.status === "hold" ? t("cli.held") : t("cli.out_of_balance");
    const stderr = blocked ? `${heading}\n${notes}\n` : notes ? `${notes}\n` : "";
    return { code: blocked ? 3 : 0, stdout, stderr };
  } catch (error) {
    if (error instanceof InputError) return { code: 2, stdout: "", stderr: `${error.message}\n` };
    throw error;
  }
}

function listErrors(prefix: string, errors: FieldError[]): string {
  return errors.map((error) => `  ${prefix}.${error.path}: ${error.message}`).join("\n");
}
