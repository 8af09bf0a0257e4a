// `npm run bench`: how long generate() takes on a busy store-day, against the bare cost of parsing and
// summing the same amounts with decimal.js. It reports; it never fails (exit code 0).
import { generate } from "../shared/engine/generate";
import { summarize } from "../shared/engine/totals";
import { Decimal } from "../shared/money";
import { parseMapping } from "../shared/schemas/mapping";
import { type PosDay, parsePosDay } from "../shared/schemas/posDay";
import { syntheticDay } from "./syntheticDay";

const SPEC = { sales: 5000, linesPerSale: 4, paymentTypes: 6, registers: 3, seed: 20261120 };
const TARGET_MS = 150;
const TARGET_RATIO = 4;
const WARMUP = 5;
const ITERATIONS = 15;

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Median ms of each task over `ITERATIONS` rounds after `WARMUP` untimed ones. The tasks take turns
 *  within a round, so a slow moment of the machine hits them all alike and the ratio stays fair. No forced
 *  GC between samples: a full collection shrinks the young generation and slows the next run, which a
 *  long-lived server does not see. */
function medians(tasks: (() => unknown)[]): number[] {
  const times = tasks.map((): number[] => []);
  for (let round = 0; round < WARMUP + ITERATIONS; round++) {
    tasks.forEach((task, i) => {
      const start = performance.now();
      task();
      const elapsed = performance.now() - start;
      if (round >= WARMUP) times[i]?.push(elapsed);
    });
  }
  return times.map(median);
}

/** The floor: parse and add every amount of the non-voided sales, nothing else. */
function baseline(day: PosDay): string {
  let total = new Decimal(0);
  for (const sale of day.sales) {
    if (sale.voided) continue;
    for (const line of sale.lines) {
      total = total.plus(new Decimal(line.subtotal));
      for (const discount of line.discounts) total = total.plus(new Decimal(discount.amount));
      for (const tax of line.taxes) total = total.plus(new Decimal(tax.amount));
      if (line.unitCost !== undefined) total = total.plus(new Decimal(line.quantity).times(line.unitCost));
    }
    for (const payment of sale.payments) total = total.plus(new Decimal(payment.amount));
  }
  return total.toFixed();
}

function main(): void {
  // Through JSON, as a stored snapshot reaches the engine (and so with flat strings, as JSON.parse makes them).
  const input: { day: unknown; mapping: unknown } = JSON.parse(JSON.stringify(syntheticDay(SPEC)));
  const parsedDay = parsePosDay(input.day);
  const parsedMapping = parseMapping(input.mapping);
  if (!parsedDay.ok || !parsedMapping.ok) {
    console.log("synthetic day or mapping rejected by the schemas:");
    console.log(JSON.stringify(parsedDay.ok ? [] : parsedDay.errors.slice(0, 10), null, 2));
    console.log(JSON.stringify(parsedMapping.ok ? [] : parsedMapping.errors.slice(0, 10), null, 2));
    return;
  }
  const day = parsedDay.value;
  const mapping = parsedMapping.value;
  const check = generate(day, mapping);
  const lines = day.sales.reduce((count, sale) => count + sale.lines.length, 0);

  const [engine = 0, bare = 0, validation = 0, totals = 0] = medians([
    () => generate(day, mapping),
    () => baseline(day),
    () => parsePosDay(input.day),
    () => summarize(day),
  ]);
  const ratio = engine / bare;

  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const verdict = (ok: boolean) => (ok ? "PASS" : "OVER");
  const rows: [string, string][] = [
    ["sales", `${day.sales.length} (${day.sales.filter((sale) => sale.voided).length} voided)`],
    ["lines", String(lines)],
    ["payment types / registers", `${SPEC.paymentTypes} / ${SPEC.registers}`],
    [
      "generate() status",
      `${check.status}, ${check.documents.map((d) => `${d.kind}:${d.lines.length}`).join(" ")}`,
    ],
    ["engine median", `${ms(engine)}   target < ${TARGET_MS} ms   ${verdict(engine < TARGET_MS)}`],
    ["baseline median", ms(bare)],
    [
      "ratio engine/baseline",
      `${ratio.toFixed(2)}x   target <= ${TARGET_RATIO}x   ${verdict(ratio <= TARGET_RATIO)}`,
    ],
    ["parsePosDay median", `${ms(validation)}   (informational)`],
    ["summarize median", `${ms(totals)}   (informational: the POS totals shown beside the documents)`],
  ];
  console.log(
    `Daybook engine benchmark (node ${process.version}, ${WARMUP} warm-up + ${ITERATIONS} timed runs each)`,
  );
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
  if (check.status !== "ready")
    console.log(`  note: expected status ready; problems: ${JSON.stringify(check.problems)}`);
}

main();
process.exitCode = 0;
