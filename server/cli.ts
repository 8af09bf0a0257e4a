// The `daybook` command line: `npm run -s daybook -- preview --day DAY.json --mapping MAPPING.json`.
import { parseArgs } from "node:util";
import { toLocale, translate } from "../shared/i18n";
import { preview } from "./cli/preview";

const options = {
  day: { type: "string" },
  mapping: { type: "string" },
  chart: { type: "string" },
  format: { type: "string" },
  locale: { type: "string" },
} as const;

function readArgs(args: string[]) {
  try {
    return parseArgs({ args, allowPositionals: true, options });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${translate("en", "cli.usage")}\n`);
    return undefined;
  }
}

async function main(args: string[]): Promise<number> {
  const parsed = readArgs(args);
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  const locale = toLocale(values.locale ?? process.env.LANG);
  if (positionals[0] !== "preview" || positionals.length > 1) {
    process.stderr.write(`${translate(locale, "cli.usage")}\n`);
    return 2;
  }
  const output = await preview({ ...values, locale });
  process.stdout.write(output.stdout);
  process.stderr.write(output.stderr);
  return output.code;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
