// Requests checked against Xero's official OpenAPI (../shared/specs/xero_accounting.yaml): the operation
// of the method and path must exist, its query parameters be declared, the required `xero-tenant-id`
// header be sent (and an Idempotency-Key of at most 128 characters on every write), and the body
// validate against the operation's request-body schema. Objects are closed (additionalProperties false)
// and read-only properties are removed, so a misspelt or response-only field fails.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";

export const XERO_SPEC_PATH = fileURLToPath(
  new URL("../../../shared/specs/xero_accounting.yaml", import.meta.url),
);
export const xeroSpecAvailable = existsSync(XERO_SPEC_PATH);

type Json = Record<string, unknown>;

interface Operation {
  parameters?: Json[];
  requestBody?: { content?: { "application/json"?: { schema?: { $ref?: string } } } };
}

type PathItem = { parameters?: Json[] } & Partial<Record<"get" | "put" | "post" | "delete", Operation>>;

export interface XeroRequest {
  method: string;
  url: string;
  headers: Headers;
  body: unknown;
}

/** Closes every object schema of the spec and drops what a request may not send. */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (typeof schema !== "object" || schema === null) return schema;
  const source = schema as Json;
  const copy: Json = {};
  for (const [key, value] of Object.entries(source)) {
    if (key.startsWith("x-") || key === "example" || key === "externalDocs") continue;
    copy[key] = key === "properties" ? closedProperties(value as Json) : closed(value);
  }
  if (copy.properties !== undefined && copy.additionalProperties === undefined)
    copy.additionalProperties = false;
  return copy;
}

function closedProperties(properties: Json): Json {
  return Object.fromEntries(
    Object.entries(properties)
      .filter(([, property]) => (property as Json).readOnly !== true)
      .map(([name, property]) => [name, closed(property)]),
  );
}

export interface XeroSchema {
  /** What is wrong with one request, as readable lines; empty when the spec accepts it. */
  problems(request: XeroRequest): string[];
}

let loaded: XeroSchema | undefined;

export function xeroSchema(): XeroSchema {
  if (loaded) return loaded;
  const spec = parse(readFileSync(XERO_SPEC_PATH, "utf8")) as {
    paths: Record<string, PathItem>;
    components: { schemas: Json; parameters: Record<string, Json> };
  };
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("double", { type: "number", validate: (value: number) => Number.isFinite(value) });
  ajv.addSchema({ components: { schemas: closed(spec.components.schemas) } }, "xero");
  const validators = new Map<string, ValidateFunction>();
  const validatorOf = (ref: string) => {
    let validator = validators.get(ref);
    if (!validator) {
      validator = ajv.getSchema(`xero${ref}`) as ValidateFunction;
      validators.set(ref, validator);
    }
    return validator;
  };
  const parameterOf = (parameter: Json): Json => {
    const ref = parameter.$ref;
    return typeof ref === "string"
      ? (spec.components.parameters[ref.replace("#/components/parameters/", "")] as Json)
      : parameter;
  };
  const templates = Object.keys(spec.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
  }));

  loaded = {
    problems(request) {
      const url = new URL(request.url);
      const path = url.pathname.replace(/^.*\/api\.xro\/2\.0/, "");
      const template = templates.find((candidate) => candidate.pattern.test(path))?.template;
      if (!template) return [`${path} is not a path of the Xero Accounting API`];
      const item = spec.paths[template] as PathItem;
      const operation = item[request.method.toLowerCase() as "get" | "put" | "post" | "delete"];
      if (!operation) return [`${request.method} ${template} is not an operation of the Xero Accounting API`];
      const problems: string[] = [];
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map(parameterOf);
      for (const name of url.searchParams.keys())
        if (!parameters.some((parameter) => parameter.in === "query" && parameter.name === name))
          problems.push(`query parameter ${name} is not declared for ${request.method} ${template}`);
      for (const parameter of parameters.filter((p) => p.in === "header" && p.required === true))
        if (!request.headers.has(String(parameter.name)))
          problems.push(`header ${String(parameter.name)} is missing`);
      if (request.method !== "GET") {
        const key = request.headers.get("Idempotency-Key");
        if (!parameters.some((parameter) => parameter.name === "Idempotency-Key"))
          problems.push(`${request.method} ${template} takes no Idempotency-Key`);
        if (!key || key.length > 128)
          problems.push(`Idempotency-Key is missing or longer than 128 characters`);
        const ref = operation.requestBody?.content?.["application/json"]?.schema?.$ref;
        if (!ref) problems.push(`${request.method} ${template} has no JSON request body`);
        else {
          const validate = validatorOf(ref);
          if (!validate(request.body))
            problems.push(
              ...(validate.errors ?? []).map(
                (error) =>
                  `${ref.replace("#/components/schemas/", "")}${error.instancePath} ${error.message}${
                    error.params && "additionalProperty" in error.params
                      ? ` (${String(error.params.additionalProperty)})`
                      : ""
                  }`,
              ),
            );
        }
      }
      return problems;
    },
  };
  return loaded;
}
