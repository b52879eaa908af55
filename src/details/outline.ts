/**
 * The outline of a JSON value read through a JSON Schema: for every field its
 * key, value, type, description, allowed values, whether it is required, and
 * whether the schema knows it or the value breaks it.
 *
 * Pure (no `vscode`, no DOM): the webview bundles it to draw the outline, and
 * the unit tests run it in Node. The schema is the JSON Schema export of the
 * zod schemas in src/api/schemas.ts (`z.toJSONSchema`), so the documentation
 * shown here is the schemas' own `.describe()` text and `knownValues` metadata.
 *
 * Nodes are built lazily: a response with tens of thousands of routes costs
 * nothing until someone expands them, and a node's schema facts are worked out
 * only when a row showing it is drawn.
 */
import type { JSONSchema } from 'zod/v4/core';

export type Schema = JSONSchema.JSONSchema;
export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';
export type PathSegment = string | number;
export type EnumValue = string | number | boolean | null;

/** Metadata key of the documented values of an open enum (see `openEnum` in schemas.ts). */
const KNOWN_VALUES = 'knownValues';

/** Why a value breaks the schema; worded by {@link describeViolation}. */
export type Violation =
  | { readonly code: 'type'; readonly expected: string; readonly actual: JsonKind }
  | { readonly code: 'enum'; readonly allowed: readonly EnumValue[]; readonly actual: EnumValue }
  | { readonly code: 'required'; readonly missing: readonly string[] };

export type Presence = 'required' | 'optional';

/** What the schema says about one field and its value. */
export interface FieldInfo {
  /** The schema's type, e.g. `string | null`, `enum<string>`, `object[]`; the value's JSON kind when the schema is silent. */
  readonly type: string;
  readonly description: string | undefined;
  /** Undefined for array items, map entries and fields the schema does not know. */
  readonly presence: Presence | undefined;
  /** The schema describes this object's keys and this key is not among them. */
  readonly unknownField: boolean;
  /** Documented values (enum badges), when the schema lists them. */
  readonly allowed: readonly EnumValue[] | undefined;
  /** True when `allowed` lists them all: any other value breaks the schema. */
  readonly closedEnum: boolean;
  /** Whether the value is one of `allowed`; undefined when that does not apply (no enum, or a value of another kind such as null). */
  readonly allowedMatch: boolean | undefined;
  readonly violations: readonly Violation[];
  /** A number of milliseconds since the epoch. */
  readonly timestamp: boolean;
  /** An http(s) address the value names, safe to offer as a link. */
  readonly url: string | undefined;
}

export function kindOf(value: unknown): JsonKind {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'object':
      return 'object';
    case 'string':
      return 'string';
    case 'number':
    case 'bigint':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'null';
  }
}

export function isContainer(kind: JsonKind): kind is 'object' | 'array' {
  return kind === 'object' || kind === 'array';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSchema(value: unknown): value is Schema {
  return isRecord(value);
}

function asSchema(value: unknown): Schema | undefined {
  // `true` means "anything": the same as the empty schema.
  if (value === true) return {};
  return isSchema(value) ? value : undefined;
}

// ---------------------------------------------------------------------------
// Reading the schema
// ---------------------------------------------------------------------------

/** Follows a local `$ref` (`#/$defs/x`, `#/definitions/x`) against the root schema. */
function deref(schema: Schema, root: Schema): Schema {
  let current = schema;
  for (let hops = 0; typeof current.$ref === 'string' && hops < 32; hops++) {
    const target = resolvePointer(root, current.$ref);
    if (!target) return current;
    // Keywords beside $ref (a description, say) win over the target's.
    const { $ref: _ref, ...rest } = current;
    current = { ...target, ...rest };
  }
  return current;
}

function resolvePointer(root: Schema, ref: string): Schema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter((s) => s !== '')) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isRecord(node) ? node[part] : undefined;
  }
  return asSchema(node);
}

function alternativesOf(schema: Schema): readonly Schema[] | undefined {
  return schema.anyOf ?? schema.oneOf;
}

/** The schema's alternatives with every `anyOf`/`oneOf` flattened: the shapes a value may take. */
function leaves(schema: Schema, root: Schema): Schema[] {
  const s = deref(schema, root);
  const alts = alternativesOf(s);
  if (!alts) return [s];
  return alts.flatMap((alt) => leaves(alt, root));
}

function typesOf(schema: Schema): readonly string[] | undefined {
  if (schema.type === undefined) return undefined;
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

function kindAccepted(type: string, value: unknown, kind: JsonKind): boolean {
  if (type === 'integer') return kind === 'number' && Number.isInteger(value);
  return type === kind;
}

/** Whether one flattened alternative takes the value, looking at its type, enum and const only. */
function leafAccepts(leaf: Schema, value: unknown, kind: JsonKind): boolean {
  // `z.never()` exports as `{ not: {} }`: nothing is accepted.
  if (isSchema(leaf.not) && Object.keys(leaf.not).length === 0) return false;
  if (leaf.const !== undefined && leaf.const !== value) return false;
  if (leaf.enum !== undefined && !leaf.enum.some((e) => e === value)) return false;
  const types = typesOf(leaf);
  return types === undefined || types.some((t) => kindAccepted(t, value, kind));
}

function accepts(schema: Schema, root: Schema, value: unknown, kind: JsonKind): boolean {
  return leaves(schema, root).some((leaf) => leafAccepts(leaf, value, kind));
}

/** Alternatives of the value's own kind: where its properties or items are described. */
function branchesFor(schema: Schema, root: Schema, value: unknown, kind: JsonKind): Schema[] {
  return leaves(schema, root).filter((leaf) => leafAccepts(leaf, value, kind));
}

function isEnumValue(v: unknown): v is EnumValue {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

interface EnumFacts {
  readonly values: EnumValue[];
  readonly open: boolean;
}

/**
 * The documented values of a schema: an open enum's `knownValues`, or the
 * values of `enum`/`const`. An enum is open when a sibling alternative takes
 * any value of the same kind (the shape `openEnum` produces).
 */
function enumOf(schema: Schema, root: Schema): EnumFacts | undefined {
  const s = deref(schema, root);
  const known = s[KNOWN_VALUES];
  if (Array.isArray(known) && known.every(isEnumValue)) {
    return { values: [...known], open: true };
  }
  if (s.enum !== undefined) return { values: [...s.enum], open: false };
  if (s.const !== undefined) return { values: [s.const], open: false };
  const alts = alternativesOf(s);
  if (!alts) return undefined;
  const values: EnumValue[] = [];
  let open = false;
  let found = false;
  for (const alt of alts) {
    const facts = enumOf(alt, root);
    if (facts) {
      found = true;
      open ||= facts.open;
      for (const v of facts.values) if (!values.includes(v)) values.push(v);
    }
  }
  if (!found) return undefined;
  // A plain alternative of the enum's own kind (`z.union([z.enum(…), z.string()])`) leaves it open.
  const enumKinds = new Set(values.map(kindOf));
  for (const alt of alts) {
    const a = deref(alt, root);
    if (enumOf(a, root) === undefined && (typesOf(a) ?? []).some((t) => enumKinds.has(t === 'integer' ? 'number' : (t as JsonKind)))) {
      open = true;
    }
  }
  return { values, open };
}

/** A short, TypeScript-like name of the type a schema describes. */
export function typeLabel(schema: Schema | undefined, root: Schema = schema ?? {}): string {
  if (schema === undefined) return 'any';
  const s = deref(schema, root);
  const facts = s[KNOWN_VALUES] !== undefined || s.enum !== undefined ? enumOf(s, root) : undefined;
  if (facts) {
    const kinds = [...new Set(facts.values.map(kindOf))];
    return `enum<${kinds.join(' | ')}>`;
  }
  if (s.const !== undefined) return JSON.stringify(s.const);
  const alts = alternativesOf(s);
  if (alts) {
    const labels: string[] = [];
    for (const alt of alts) {
      for (const part of splitUnion(typeLabel(alt, root))) if (!labels.includes(part)) labels.push(part);
    }
    return labels.join(' | ');
  }
  const types = typesOf(s);
  if (types === undefined) {
    if (s.properties !== undefined) return 'object';
    if (s.items !== undefined) return arrayLabel(s, root);
    return 'any';
  }
  return types
    .map((t) => {
      if (t === 'array') return arrayLabel(s, root);
      if (t === 'object') return objectLabel(s, root);
      return t;
    })
    .join(' | ');
}

function splitUnion(label: string): string[] {
  // Only the top level: `(a | b)[]` and `Record<string, a | b>` stay whole.
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < label.length; i++) {
    const c = label[i];
    if (c === '(' || c === '<') depth++;
    else if (c === ')' || c === '>') depth--;
    else if (depth === 0 && label.startsWith(' | ', i)) {
      parts.push(label.slice(start, i));
      start = i + 3;
      i += 2;
    }
  }
  parts.push(label.slice(start));
  return parts;
}

function arrayLabel(s: Schema, root: Schema): string {
  const items = Array.isArray(s.items) ? undefined : asSchema(s.items);
  const inner = items === undefined ? 'any' : typeLabel(items, root);
  return inner.includes(' | ') ? `(${inner})[]` : `${inner}[]`;
}

function isMapSchema(s: Schema): boolean {
  if (s.propertyNames !== undefined) return true;
  const extra = asSchema(s.additionalProperties);
  return s.properties === undefined && extra !== undefined && Object.keys(extra).length > 0;
}

function objectLabel(s: Schema, root: Schema): string {
  if (isMapSchema(s)) {
    return `Record<string, ${typeLabel(asSchema(s.additionalProperties) ?? {}, root)}>`;
  }
  return 'object';
}

// ---------------------------------------------------------------------------
// Checking a value (one level deep; children check themselves)
// ---------------------------------------------------------------------------

function violationsOf(schema: Schema, root: Schema, value: unknown, kind: JsonKind): Violation[] {
  if (!accepts(schema, root, value, kind)) {
    const facts = enumOf(schema, root);
    if (facts && !facts.open && isEnumValue(value) && facts.values.some((v) => kindOf(v) === kind)) {
      return [{ code: 'enum', allowed: facts.values, actual: value }];
    }
    return [{ code: 'type', expected: acceptedKinds(schema, root), actual: kind }];
  }
  if (kind === 'object' && isRecord(value)) {
    // Valid when one alternative has all of its required keys.
    let firstMissing: string[] | undefined;
    for (const branch of branchesFor(schema, root, value, kind)) {
      const missing = (branch.required ?? []).filter((key) => !Object.prototype.hasOwnProperty.call(value, key));
      if (missing.length === 0) return [];
      firstMissing ??= missing;
    }
    if (firstMissing) return [{ code: 'required', missing: firstMissing }];
  }
  return [];
}

/** The JSON kinds a schema takes, e.g. `number` for an open number enum, `string | null`. */
function acceptedKinds(schema: Schema, root: Schema): string {
  const kinds: string[] = [];
  const add = (k: string): void => {
    if (!kinds.includes(k)) kinds.push(k);
  };
  for (const leaf of leaves(schema, root)) {
    if (leaf.const !== undefined) add(kindOf(leaf.const));
    else if (leaf.enum !== undefined) leaf.enum.forEach((v) => add(kindOf(v)));
    else (typesOf(leaf) ?? ['any']).forEach(add);
  }
  return kinds.join(' | ');
}

/** How a parent's schema places one child. */
interface ChildSchema {
  readonly schema: Schema | undefined;
  readonly presence: Presence | undefined;
  readonly unknownField: boolean;
}

function childSchema(branches: readonly Schema[], key: PathSegment): ChildSchema {
  let describedKeys = false;
  for (const branch of branches) {
    if (typeof key === 'number') {
      if (Array.isArray(branch.items)) {
        const tuple = asSchema(branch.items[key]) ?? asSchema(branch.additionalItems);
        if (tuple) return { schema: tuple, presence: undefined, unknownField: false };
        continue;
      }
      const items = asSchema(branch.items) ?? (branch.prefixItems ? asSchema(branch.prefixItems[key]) : undefined);
      if (items) return { schema: items, presence: undefined, unknownField: false };
      continue;
    }
    const prop = branch.properties && Object.prototype.hasOwnProperty.call(branch.properties, key) ? asSchema(branch.properties[key]) : undefined;
    if (prop) {
      return { schema: prop, presence: branch.required?.includes(key) ? 'required' : 'optional', unknownField: false };
    }
    if (branch.patternProperties) {
      for (const [pattern, s] of Object.entries(branch.patternProperties)) {
        if (safeRegExp(pattern)?.test(key)) return { schema: asSchema(s), presence: undefined, unknownField: false };
      }
    }
    if (isMapSchema(branch)) {
      return { schema: asSchema(branch.additionalProperties) ?? {}, presence: undefined, unknownField: false };
    }
    if (branch.properties !== undefined) describedKeys = true;
  }
  // A described object that does not list the key: the schema does not know it.
  return { schema: undefined, presence: undefined, unknownField: describedKeys };
}

function safeRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------
// Dates and links
// ---------------------------------------------------------------------------

/** The schemas document every timestamp as "(ms since epoch)". */
const MS_SINCE_EPOCH = /\bms since (the )?epoch\b/i;
/** 2000-01-01 … 2100-01-01: the span in which an undocumented `…At` number is read as a date. */
const PLAUSIBLE_MS: readonly [number, number] = [946_684_800_000, 4_102_444_800_000];

function isTimestamp(key: PathSegment | undefined, value: unknown, description: string | undefined, described: boolean): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (description !== undefined) return MS_SINCE_EPOCH.test(description);
  // Fields Vercel adds later carry no description: trust the naming habit only for plausible values.
  return !described && typeof key === 'string' && /(At|^created|^ready)$/.test(key) && value >= PLAUSIBLE_MS[0] && value < PLAUSIBLE_MS[1];
}

const HTTP_URL = /^https?:\/\/[^\s]+$/i;
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+(?::\d{1,5})?$/i;

/** An http(s) address to offer as a link; never another scheme. */
export function linkFor(value: unknown, description: string | undefined): string | undefined {
  if (typeof value !== 'string' || value.length > 4096) return undefined;
  if (HTTP_URL.test(value)) return safeHttpUrl(value);
  // Fields documented as a hostname (the deployment's `url`) are served over https.
  if (description !== undefined && /\bhostname\b/i.test(description) && HOSTNAME.test(value)) {
    return safeHttpUrl(`https://${value}`);
  }
  return undefined;
}

export function safeHttpUrl(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** One step of a JSON path: `.key`, `["odd key"]` or `[3]`. */
export function pathStep(key: PathSegment): string {
  if (typeof key === 'number') return `[${key}]`;
  return IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** A JSON path such as `$.routes[3].src`, the form people paste into jq-like tools. */
export function formatPath(path: readonly PathSegment[]): string {
  return `$${path.map(pathStep).join('')}`;
}

// ---------------------------------------------------------------------------
// Nodes
// ---------------------------------------------------------------------------

export class OutlineNode {
  readonly kind: JsonKind;
  readonly depth: number;
  private _id: string | undefined;
  private _children: readonly OutlineNode[] | undefined;
  private _info: FieldInfo | undefined;
  private _branches: readonly Schema[] | undefined;

  constructor(
    readonly root: Schema,
    readonly parent: OutlineNode | undefined,
    /** Undefined for the root. */
    readonly key: PathSegment | undefined,
    readonly value: unknown,
    /** The schema this position is described by; undefined when the schema is silent. */
    readonly schema: Schema | undefined,
    private readonly placement: Omit<ChildSchema, 'schema'>,
  ) {
    this.kind = kindOf(value);
    this.depth = parent ? parent.depth + 1 : 0;
  }

  /** The node's JSON path, unique in its outline: also its id. */
  get id(): string {
    if (this._id === undefined) {
      this._id = this.parent === undefined || this.key === undefined ? '$' : this.parent.id + pathStep(this.key);
    }
    return this._id;
  }

  get path(): PathSegment[] {
    const path: PathSegment[] = [];
    for (let n: OutlineNode | undefined = this; n?.key !== undefined; n = n.parent) path.push(n.key);
    return path.reverse();
  }

  get childCount(): number {
    if (this.kind === 'array' && Array.isArray(this.value)) return this.value.length;
    if (this.kind === 'object' && isRecord(this.value)) return Object.keys(this.value).length;
    return 0;
  }

  get isContainer(): boolean {
    return isContainer(this.kind);
  }

  get children(): readonly OutlineNode[] {
    if (this._children === undefined) this._children = this.buildChildren();
    return this._children;
  }

  private get branches(): readonly Schema[] {
    if (this._branches === undefined) {
      this._branches = this.schema === undefined ? [] : branchesFor(this.schema, this.root, this.value, this.kind);
    }
    return this._branches;
  }

  private buildChildren(): OutlineNode[] {
    const value = this.value;
    if (this.kind === 'array' && Array.isArray(value)) {
      const items = value.length > 0 ? childSchema(this.branches, 0) : undefined;
      return value.map((item, i) => {
        // Only tuples differ per index; ordinary arrays share one item schema.
        const placed = items && !this.branches.some((b) => Array.isArray(b.items) || b.prefixItems) ? items : childSchema(this.branches, i);
        return new OutlineNode(this.root, this, i, item, placed.schema, placed);
      });
    }
    if (this.kind === 'object' && isRecord(value)) {
      return Object.keys(value).map((key) => {
        const placed = childSchema(this.branches, key);
        return new OutlineNode(this.root, this, key, value[key], placed.schema, placed);
      });
    }
    return [];
  }

  /** What the schema says about this field; worked out on first use. */
  get info(): FieldInfo {
    if (this._info === undefined) this._info = this.buildInfo();
    return this._info;
  }

  private buildInfo(): FieldInfo {
    const schema = this.schema;
    const description = schema ? descriptionOf(schema, this.root) : undefined;
    const facts = schema ? enumOf(schema, this.root) : undefined;
    const allowedMatch =
      facts && facts.values.some((v) => kindOf(v) === this.kind) ? facts.values.some((v) => v === this.value) : undefined;
    return {
      type: schema ? typeLabel(schema, this.root) : this.kind,
      description,
      presence: this.placement.presence,
      unknownField: this.placement.unknownField,
      allowed: facts?.values,
      closedEnum: facts !== undefined && !facts.open,
      allowedMatch,
      violations: schema ? violationsOf(schema, this.root, this.value, this.kind) : [],
      timestamp: isTimestamp(this.key, this.value, description, schema !== undefined && Object.keys(schema).length > 0),
      url: linkFor(this.value, description),
    };
  }

  /** The node for a path below this one, building only the nodes on the way. */
  find(path: readonly PathSegment[]): OutlineNode | undefined {
    let node: OutlineNode | undefined = this;
    for (const step of path) {
      node = node.children.find((c) => c.key === step);
      if (!node) return undefined;
    }
    return node;
  }
}

function descriptionOf(schema: Schema, root: Schema): string | undefined {
  const s = deref(schema, root);
  if (typeof s.description === 'string') return s.description;
  // `z.string().describe(…).nullable()` puts the text on the inner alternative.
  const alts = alternativesOf(s);
  if (alts) {
    for (const alt of alts) {
      const d = descriptionOf(alt, root);
      if (d !== undefined) return d;
    }
  }
  return undefined;
}

/** The outline of `value` read through `schema`; its root stands for the whole value. */
export function createOutline(schema: Schema, value: unknown): OutlineNode {
  return new OutlineNode(schema, undefined, undefined, value, schema, { presence: undefined, unknownField: false });
}

// ---------------------------------------------------------------------------
// Rows: the nodes a tree shows, in order
// ---------------------------------------------------------------------------

export interface Rows {
  /** Every visible node below the root, depth-first. */
  readonly rows: OutlineNode[];
  /** The containers shown open. */
  readonly open: ReadonlySet<OutlineNode>;
  /** Nodes whose own key or value matches the filter (0 without one). */
  readonly matches: number;
}

/** The rows under `root` when `isExpanded` says which containers are open. */
export function visibleRows(root: OutlineNode, isExpanded: (node: OutlineNode) => boolean): Rows {
  const rows: OutlineNode[] = [];
  const open = new Set<OutlineNode>();
  const walk = (node: OutlineNode): void => {
    for (const child of node.children) {
      rows.push(child);
      if (child.isContainer && child.childCount > 0 && isExpanded(child)) {
        open.add(child);
        walk(child);
      }
    }
  };
  open.add(root);
  walk(root);
  return { rows, open, matches: 0 };
}

/** Case-insensitive substring test without building lower-case copies. */
export function matcher(query: string): (text: string) => boolean {
  const re = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  return (text) => re.test(text);
}

function primitiveText(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    default:
      return undefined;
  }
}

function selfMatches(key: PathSegment | undefined, value: unknown, test: (text: string) => boolean): boolean {
  if (key !== undefined && test(String(key))) return true;
  const text = primitiveText(value);
  return text !== undefined && test(text);
}

/** Whether any key or primitive value below `value` matches; walks raw data, builds no node. */
function subtreeMatches(value: unknown, test: (text: string) => boolean): boolean {
  if (Array.isArray(value)) {
    for (const item of value) if (selfMatches(undefined, item, test) || subtreeMatches(item, test)) return true;
    return false;
  }
  if (isRecord(value)) {
    for (const key in value) if (selfMatches(key, value[key], test) || subtreeMatches(value[key], test)) return true;
  }
  return false;
}

/**
 * The rows that match `query` by key or value, with their ancestors opened to
 * show them. A container that matches by its own key keeps its ordinary
 * expansion; a container the user closed while filtering (`closedInFilter`)
 * stays closed.
 */
export function filteredRows(
  root: OutlineNode,
  query: string,
  isExpanded: (node: OutlineNode) => boolean,
  closedInFilter: (node: OutlineNode) => boolean = () => false,
): Rows {
  const test = matcher(query);
  const rows: OutlineNode[] = [];
  const open = new Set<OutlineNode>([root]);
  let matches = 0;
  const walk = (node: OutlineNode): void => {
    for (const child of node.children) {
      const self = selfMatches(child.key, child.value, test);
      const below = child.isContainer && subtreeMatches(child.value, test);
      if (!self && !below) continue;
      if (self) matches++;
      rows.push(child);
      if (below && !closedInFilter(child)) {
        open.add(child);
        walk(child);
      } else if (self && child.isContainer && child.childCount > 0 && isExpanded(child) && !closedInFilter(child)) {
        open.add(child);
        const inner = visibleRows(child, isExpanded);
        for (const n of inner.open) open.add(n);
        for (const r of inner.rows) rows.push(r);
      }
    }
  };
  walk(root);
  return { rows, open, matches };
}

// ---------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------

/** Templates of the violation texts; `{0}`, `{1}` are filled in. The webview passes translated ones. */
export interface ViolationTemplates {
  /** {0}: expected type, {1}: actual kind. */
  readonly type: string;
  /** {0}: allowed values, {1}: actual value. */
  readonly enum: string;
  /** {0}: missing keys. */
  readonly required: string;
}

export const ENGLISH_VIOLATIONS: ViolationTemplates = {
  type: 'Expected {0}, got {1}',
  enum: 'Expected one of {0}, got {1}',
  required: 'Missing required field {0}',
};

export function fill(template: string, ...args: readonly string[]): string {
  return template.replace(/\{(\d+)\}/g, (match, index: string) => args[Number(index)] ?? match);
}

export function describeViolation(v: Violation, templates: ViolationTemplates = ENGLISH_VIOLATIONS): string {
  switch (v.code) {
    case 'type':
      return fill(templates.type, v.expected, v.actual);
    case 'enum':
      return fill(templates.enum, v.allowed.map((a) => JSON.stringify(a)).join(', '), JSON.stringify(v.actual));
    case 'required':
      return fill(templates.required, v.missing.join(', '));
  }
}
