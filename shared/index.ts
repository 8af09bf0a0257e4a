// The shared package: pure TypeScript used by the server and the extension. No I/O here.
export { generate, type GenerateOptions } from "./engine/generate";
export { summarize } from "./engine/totals";
export { fingerprintOf } from "./engine/fingerprint";
export * from "./engine/types";
export { parsePosDay, PosDaySchema, type PosDay } from "./schemas/posDay";
export { parseMapping, MappingSchema, type Mapping, type Target, type PostingMethod } from "./schemas/mapping";
export type { FieldError, Parsed } from "./schemas/common";
export { toHledger } from "./hledger";
export { describeProblem } from "./problemText";
export * from "./money";
export * from "./i18n";
