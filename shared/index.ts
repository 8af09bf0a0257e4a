// The shared package: pure TypeScript used by the server and the extension. No I/O here.

export { fingerprintOf } from "./engine/fingerprint";
export { type GenerateOptions, generate } from "./engine/generate";
export { summarize } from "./engine/totals";
export * from "./engine/types";
export { toHledger } from "./hledger";
export * from "./i18n";
export * from "./money";
export { describeProblem } from "./problemText";
export type { FieldError, Parsed } from "./schemas/common";
export {
  type Mapping,
  MappingSchema,
  type PostingMethod,
  parseMapping,
  type Target,
} from "./schemas/mapping";
export { type PosDay, PosDaySchema, parsePosDay } from "./schemas/posDay";
