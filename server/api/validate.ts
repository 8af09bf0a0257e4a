// Request validation with zod through Hono's validator: a refusal names the field, changes nothing.
import type { ValidationTargets } from "hono";
import { validator } from "hono/validator";
import type { z } from "zod";
import { toFieldErrors } from "../../shared/schemas/common";

export function valid<Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) {
  return validator(target, (value, c) => {
    const result = schema.safeParse(value);
    if (result.success) return result.data as z.infer<Schema>;
    const errors = toFieldErrors(result.error);
    const [first] = errors;
    return c.json(
      {
        error: {
          code: "invalid_request",
          message: `${first?.path}: ${first?.message}`,
          field: first?.path,
          errors,
        },
      },
      400,
    );
  });
}

export const notFound = (what: string) => ({ error: { code: "not_found", message: `${what} not found` } });
