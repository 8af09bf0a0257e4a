// Checks QuickBooks Online JSON against Intuit's v3 XSD (../shared/specs/qbo-xsd): QuickBooks' JSON uses
// the schema's element names, so every property must be an element or attribute of its complexType (base
// types included, through complexContent/extension), a list where the element repeats and a single value
// where it does not, enumerations respected, simple values of their XSD type (decimal and int as JSON
// numbers, boolean as booleans, date as YYYY-MM-DD), and a simpleContent type such as ReferenceType as
// `{"value", ...attributes}`.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { XMLParser } from "fast-xml-parser";

export const QBO_XSD_DIR = fileURLToPath(new URL("../../../shared/specs/qbo-xsd/", import.meta.url));
export const qboSpecAvailable = existsSync(join(QBO_XSD_DIR, "Finance.xsd"));

type Node = Record<string, unknown>;

interface ElementModel {
  type?: string;
  inline?: Node;
  repeated: boolean;
}

interface ComplexModel {
  elements: Map<string, ElementModel>;
  attributes: Map<string, string>;
  /** The simple type of a simpleContent type's value. */
  simpleContent?: string;
  /** xs:any: anything goes. */
  open: boolean;
}

const REPEATED_NODES = [
  "xs:element",
  "xs:attribute",
  "xs:complexType",
  "xs:simpleType",
  "xs:group",
  "xs:enumeration",
  "xs:sequence",
  "xs:choice",
  "xs:include",
];

const list = (value: unknown): Node[] =>
  Array.isArray(value) ? (value as Node[]) : value ? [value as Node] : [];

export interface QboSchema {
  /** The problems of `payload` as the entity `entity` (JournalEntry, SalesReceipt...), each naming its path. */
  check(entity: string, payload: unknown): string[];
  /** The enumeration of a simple type (PostingTypeEnum...). */
  enumeration(type: string): string[];
}

export function loadQboSchema(dir = QBO_XSD_DIR): QboSchema {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    isArray: (name) => REPEATED_NODES.includes(name),
  });
  const complexTypes = new Map<string, Node>();
  const simpleTypes = new Map<string, Node>();
  const groups = new Map<string, Node>();
  const rootElements = new Map<string, string>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith(".xsd"))) {
    const schema = (parser.parse(readFileSync(join(dir, file), "utf8")) as Node)["xs:schema"] as Node;
    for (const node of list(schema["xs:complexType"])) complexTypes.set(String(node["@name"]), node);
    for (const node of list(schema["xs:simpleType"])) simpleTypes.set(String(node["@name"]), node);
    for (const node of list(schema["xs:group"])) groups.set(String(node["@name"]), node);
    for (const node of list(schema["xs:element"]))
      if (node["@type"]) rootElements.set(String(node["@name"]), String(node["@type"]));
  }

  const models = new Map<Node, ComplexModel>();
  function modelOf(node: Node): ComplexModel {
    let model = models.get(node);
    if (model) return model;
    model = { elements: new Map(), attributes: new Map(), open: false };
    models.set(node, model);
    collect(node, model);
    return model;
  }

  function collect(node: Node, model: ComplexModel): void {
    for (const [key, value] of Object.entries(node)) {
      if (key === "xs:annotation" || key.startsWith("@")) continue;
      if (key === "xs:element") {
        for (const element of list(value)) {
          const inline = list(element["xs:complexType"])[0];
          model.elements.set(String(element["@name"]), {
            ...(element["@type"] ? { type: String(element["@type"]) } : {}),
            ...(inline && { inline }),
            repeated: element["@maxOccurs"] === "unbounded" || Number(element["@maxOccurs"] ?? 1) > 1,
          });
        }
      } else if (key === "xs:attribute") {
        for (const attribute of list(value))
          model.attributes.set(String(attribute["@name"]), String(attribute["@type"] ?? "xs:string"));
      } else if (key === "xs:any") {
        model.open = true;
      } else if (key === "xs:group") {
        for (const group of list(value)) {
          const definition = groups.get(String(group["@ref"]));
          if (!definition) throw new Error(`XSD group ${String(group["@ref"])} is not defined`);
          collect(definition, model);
        }
      } else if (key === "xs:complexContent" || key === "xs:simpleContent") {
        const extension = (value as Node)["xs:extension"] as Node | undefined;
        if (!extension) throw new Error(`XSD ${key} without an extension is not supported by this checker`);
        const base = String(extension["@base"]);
        if (key === "xs:simpleContent") model.simpleContent = base;
        else {
          const baseNode = complexTypes.get(base);
          if (!baseNode) throw new Error(`XSD base type ${base} is not defined`);
          const inherited = modelOf(baseNode);
          for (const [name, element] of inherited.elements) model.elements.set(name, element);
          for (const [name, type] of inherited.attributes) model.attributes.set(name, type);
          model.open ||= inherited.open;
        }
        collect(extension, model);
      } else if (typeof value === "object" && value !== null) {
        for (const child of list(value)) collect(child, model);
      }
    }
  }

  function enumeration(type: string): string[] {
    const restriction = simpleTypes.get(type)?.["xs:restriction"] as Node | undefined;
    return list(restriction?.["xs:enumeration"]).map((entry) => String(entry["@value"]));
  }

  function checkSimple(type: string, value: unknown, path: string, problems: string[]): void {
    const fail = (expected: string) =>
      problems.push(`${path}: ${JSON.stringify(value)} is not ${expected} (${type})`);
    if (type.startsWith("xs:")) {
      switch (type) {
        case "xs:decimal":
        case "xs:double":
        case "xs:float":
          if (typeof value !== "number" || !Number.isFinite(value)) fail("a number");
          return;
        case "xs:int":
        case "xs:integer":
        case "xs:long":
        case "xs:short":
          if (!Number.isInteger(value)) fail("an integer");
          return;
        case "xs:positiveInteger":
          if (!Number.isInteger(value) || (value as number) < 1) fail("a positive integer");
          return;
        case "xs:nonNegativeInteger":
          if (!Number.isInteger(value) || (value as number) < 0) fail("a non-negative integer");
          return;
        case "xs:boolean":
          if (typeof value !== "boolean") fail("a boolean");
          return;
        case "xs:date":
          if (typeof value !== "string" || !isCalendarDate(value)) fail("a date (YYYY-MM-DD)");
          return;
        case "xs:dateTime":
          if (typeof value !== "string" || Number.isNaN(Date.parse(value)) || !value.includes("T"))
            fail("a date and time");
          return;
        default:
          if (typeof value !== "string") fail("text");
          return;
      }
    }
    const node = simpleTypes.get(type);
    if (!node) {
      problems.push(`${path}: the XSD has no type ${type}`);
      return;
    }
    const restriction = node["xs:restriction"] as Node | undefined;
    if (!restriction) {
      if (typeof value !== "string") fail("text");
      return;
    }
    checkSimple(String(restriction["@base"]), value, path, problems);
    const allowed = enumeration(type);
    if (allowed.length > 0 && !allowed.includes(String(value))) fail(`one of ${allowed.join(", ")}`);
  }

  function checkComplex(type: string, node: Node, value: unknown, path: string, problems: string[]): void {
    const model = modelOf(node);
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      problems.push(`${path}: ${JSON.stringify(value)} is not an object (${type})`);
      return;
    }
    for (const [key, child] of Object.entries(value as Node)) {
      const at = `${path}.${key}`;
      if (model.simpleContent && key === "value") {
        checkSimple(model.simpleContent, child, at, problems);
        continue;
      }
      const element = model.simpleContent ? undefined : model.elements.get(key);
      if (element) {
        if (element.repeated !== Array.isArray(child)) {
          problems.push(
            `${at}: ${element.repeated ? "a list is expected" : "a single value is expected, not a list"}`,
          );
          continue;
        }
        const values = element.repeated ? (child as unknown[]) : [child];
        values.forEach((entry, index) => {
          const entryPath = element.repeated ? `${at}[${index}]` : at;
          if (element.inline) checkComplex(`${key} (inline)`, element.inline, entry, entryPath, problems);
          else checkType(element.type ?? "xs:string", entry, entryPath, problems);
        });
        continue;
      }
      const attribute = model.attributes.get(key);
      if (attribute) {
        checkSimple(attribute, child, at, problems);
        continue;
      }
      if (!model.open) problems.push(`${at}: ${type} has no element or attribute "${key}"`);
    }
  }

  function checkType(type: string, value: unknown, path: string, problems: string[]): void {
    const node = complexTypes.get(type);
    if (node) checkComplex(type, node, value, path, problems);
    else checkSimple(type, value, path, problems);
  }

  return {
    check(entity, payload) {
      const type = rootElements.get(entity) ?? entity;
      if (!complexTypes.has(type)) return [`the XSD has no entity ${entity}`];
      const problems: string[] = [];
      checkType(type, payload, entity, problems);
      return problems;
    },
    enumeration,
  };
}

function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}
