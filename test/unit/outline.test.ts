import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type * as z from 'zod/mini';
import { CHECKS_STATES, descriptionOf, PLANS, READY_STATES, READY_SUBSTATES, SOURCES } from '../../src/api/schemas';
import { deploymentSchema } from '../../src/api/deployment';
import { parseWebviewMessage, refFromState } from '../../src/details/guards';
import { contentSecurityPolicy, createNonce, detailsHtml } from '../../src/details/html';
import {
  createOutline,
  describeViolation,
  filteredRows,
  formatPath,
  linkFor,
  typeLabel,
  visibleRows,
  type OutlineNode,
  type PathSegment,
  type Schema,
} from '../../src/details/outline';
import { deploymentJsonSchema, deploymentJsonSchemaText } from '../../src/details/schema';
import { webviewStrings } from '../../src/details/strings';
import { toDetailsTarget } from '../../src/details/target';
import reference from '../fixtures/deployment-reference.json';

const schema = deploymentJsonSchema();

/** A fresh deep copy of the reference's example response. */
function example(): Record<string, unknown> {
  return structuredClone(reference);
}

function outline(value: unknown = example()): OutlineNode {
  return createOutline(schema, value);
}

function node(root: OutlineNode, ...path: PathSegment[]): OutlineNode {
  const found = root.find(path);
  assert.ok(found, `no node at ${formatPath(path)}`);
  return found;
}

function allNodes(root: OutlineNode): OutlineNode[] {
  const out: OutlineNode[] = [];
  const walk = (n: OutlineNode): void => {
    for (const c of n.children) {
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

const shape = deploymentSchema().shape;
/** The zod schema of each top-level field, by key. */
const fields = new Map<string, z.ZodMiniType>(Object.entries(shape));

describe('details outline: the reference example response', () => {
  const root = outline();

  it('is valid for the zod schema, and the outline finds no violation in it', () => {
    assert.equal(deploymentSchema().safeParse(reference).success, true);
    const broken = allNodes(root).filter((n) => n.info.violations.length > 0);
    assert.deepEqual(broken.map((n) => n.id), []);
  });

  it('gives every top-level field the description written in the zod schema', () => {
    for (const key of Object.keys(reference)) {
      const field = fields.get(key);
      assert.ok(field, `${key} is in the reference but not in the schema`);
      const documented = descriptionOf(field);
      assert.ok(documented, `${key} has no .describe() in schemas.ts`);
      assert.equal(node(root, key).info.description, documented, key);
    }
  });

  it('gives every documented field at any depth a description and a schema type', () => {
    // flags.definitions has no .describe() in schemas.ts: the outline shows none rather than inventing one.
    const undocumented = new Set(['$.flags.definitions']);
    for (const n of allNodes(root)) {
      if (n.info.presence === undefined) continue; // array items and map entries have no description of their own
      assert.notEqual(n.info.unknownField, true, n.id);
      if (!undocumented.has(n.id)) assert.ok(n.info.description && n.info.description.length > 0, `${n.id} has no description`);
    }
  });

  it('marks required and optional fields as the zod schema does', () => {
    for (const [key, field] of fields) {
      if (!(key in reference)) continue;
      const optional = field.safeParse(undefined).success;
      assert.equal(node(root, key).info.presence, optional ? 'optional' : 'required', key);
    }
    assert.equal(node(root, 'creator', 'uid').info.presence, 'required');
    assert.equal(node(root, 'creator', 'username').info.presence, 'optional');
  });

  it('names each field type from the schema', () => {
    const expected: Record<string, string> = {
      readyState: 'enum<string>',
      readySubstate: 'enum<string>',
      target: 'enum<string> | null',
      version: 'enum<number>',
      routes: 'object[] | null',
      meta: 'Record<string, string>',
      functions: 'Record<string, any> | null',
      aliasAssigned: 'boolean | number | null',
      aliasAssignedAt: 'number | boolean | null',
      inspectorUrl: 'string | null',
      createdAt: 'number',
      env: 'string[]',
      creator: 'object',
      flags: 'object | any[]',
      public: 'boolean',
    };
    for (const [key, type] of Object.entries(expected)) assert.equal(node(root, key).info.type, type, key);
    assert.equal(node(root, 'images', 'formats').info.type, 'enum<string>[]');
    assert.equal(node(root, 'routes', 0).info.type, 'object');
    assert.equal(node(root, 'gitSource', 'repoId').info.type, 'string | number');
  });

  it('shows the documented description of readySubstate', () => {
    const info = node(root, 'readySubstate').info;
    assert.match(info.description ?? '', /STAGED never has, ROLLING is gradually receiving it, PROMOTED has/);
  });

  it('lists the allowed values of enums and highlights the value among them', () => {
    const cases: [string, readonly unknown[], unknown][] = [
      ['readyState', READY_STATES, 'BUILDING'],
      ['status', READY_STATES, 'BUILDING'],
      ['readySubstate', READY_SUBSTATES, 'STAGED'],
      ['plan', PLANS, 'pro'],
      ['checksState', CHECKS_STATES, 'registered'],
      ['source', SOURCES, 'api-trigger-git-deploy'],
      ['target', ['production', 'staging'], 'production'],
      ['version', [2], 2],
    ];
    for (const [key, allowed, value] of cases) {
      const n = node(root, key);
      assert.equal(n.value, value);
      assert.deepEqual(n.info.allowed, [...allowed], key);
      assert.equal(n.info.allowedMatch, true, key);
      assert.equal(n.info.closedEnum, false, `${key} is an open enum`);
    }
    assert.equal(node(root, 'lambdas', 0, 'readyState').info.allowedMatch, true);
    assert.equal(node(root, 'name').info.allowed, undefined);
  });

  it('reads the documented timestamps as dates, and nothing else', () => {
    for (const key of ['createdAt', 'buildingAt', 'bootedAt', 'ready', 'canceledAt', 'aliasAssignedAt', 'deletedAt']) {
      assert.equal(node(root, key).info.timestamp, true, key);
    }
    assert.equal(node(root, 'projectSettings', 'speedInsights', 'enabledAt').info.timestamp, true);
    assert.equal(node(root, 'lambdas', 0, 'createdAt').info.timestamp, true);
    for (const key of ['version', 'name', 'public']) assert.equal(node(root, key).info.timestamp, false, key);
    assert.equal(node(root, 'images', 'minimumCacheTTL').info.timestamp, false);
    assert.equal(node(root, 'routes', 0, 'status').info.timestamp, false);
  });
});

describe('details outline: values the schema does not expect', () => {
  it('flags fields the schema does not know, and only those', () => {
    const value = example();
    value.futureField = { nested: true };
    value.creator = { uid: 'u1', newThing: 'x' };
    value.meta = { githubCommitRef: 'main' };
    value.customEnvironment = { slug: 'qa' };
    const root = outline(value);
    const unknown = allNodes(root).filter((n) => n.info.unknownField).map((n) => n.id);
    assert.deepEqual(unknown.sort(), ['$.creator.newThing', '$.customEnvironment.slug', '$.futureField']);
    // Below an unknown field the schema is silent, which is not flagged again.
    assert.equal(node(root, 'futureField', 'nested').info.unknownField, false);
    assert.equal(node(root, 'futureField').info.type, 'object');
    assert.equal(node(root, 'futureField').info.description, undefined);
    // Map entries are what a map is for.
    assert.equal(node(root, 'meta', 'githubCommitRef').info.unknownField, false);
    assert.equal(node(root, 'meta', 'githubCommitRef').info.type, 'string');
  });

  it('keeps an undocumented enum value without calling it a violation', () => {
    const value = example();
    value.readyState = 'HIBERNATING';
    const info = node(outline(value), 'readyState').info;
    assert.equal(info.allowedMatch, false);
    assert.equal(info.closedEnum, false);
    assert.deepEqual(info.violations, []);
    assert.equal(deploymentSchema().safeParse(value).success, true, 'zod agrees: open enums take new values');
  });

  it('flags a value of the wrong type with its reason', () => {
    const value = example();
    value.readyState = 42;
    value.routes = 'none';
    value.version = '2';
    value.public = null;
    const root = outline(value);
    assert.deepEqual(node(root, 'readyState').info.violations, [{ code: 'type', expected: 'string', actual: 'number' }]);
    assert.equal(describeViolation(node(root, 'readyState').info.violations[0]!), 'Expected string, got number');
    assert.equal(describeViolation(node(root, 'routes').info.violations[0]!), 'Expected array | null, got string');
    assert.equal(describeViolation(node(root, 'version').info.violations[0]!), 'Expected number, got string');
    assert.equal(describeViolation(node(root, 'public').info.violations[0]!), 'Expected boolean, got null');
  });

  it('flags missing required fields on the object that lacks them', () => {
    const value = example();
    value.creator = { username: 'someone' };
    value.flags = {};
    const root = outline(value);
    assert.deepEqual(node(root, 'creator').info.violations, [{ code: 'required', missing: ['uid'] }]);
    assert.equal(describeViolation(node(root, 'creator').info.violations[0]!), 'Missing required field uid');
    assert.deepEqual(node(root, 'flags').info.violations, [{ code: 'required', missing: ['definitions'] }]);
    const top = example();
    delete top.id;
    delete top.name;
    assert.deepEqual(outline(top).info.violations, [{ code: 'required', missing: ['id', 'name'] }]);
  });

  it('flags wrong items of arrays and maps', () => {
    const value = example();
    value.env = ['A', 7];
    value.meta = { ok: 'x', bad: false };
    const root = outline(value);
    assert.deepEqual(node(root, 'env', 1).info.violations, [{ code: 'type', expected: 'string', actual: 'number' }]);
    assert.deepEqual(node(root, 'env', 0).info.violations, []);
    assert.deepEqual(node(root, 'meta', 'bad').info.violations, [{ code: 'type', expected: 'string', actual: 'boolean' }]);
  });

  it('words violations of a closed enum with the allowed values', () => {
    const closed: Schema = { type: 'object', properties: { level: { type: 'string', enum: ['low', 'high'] } } };
    const n = node(createOutline(closed, { level: 'mid' }), 'level');
    assert.equal(n.info.closedEnum, true);
    assert.equal(n.info.allowedMatch, false);
    assert.equal(describeViolation(n.info.violations[0]!), 'Expected one of "low", "high", got "mid"');
  });

  it('finds a violation exactly when zod rejects the response (random single edits)', () => {
    const paths = allNodes(outline()).map((n) => n.path);
    fc.assert(
      fc.property(
        fc.constantFrom(...paths),
        fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined)),
        (path, replacement) => {
          const value = example();
          setAt(value, path, replacement);
          const zodOk = deploymentSchema().safeParse(value).success;
          const outlineOk = !hasViolation(outline(value));
          assert.equal(outlineOk, zodOk, `${formatPath(path)} = ${JSON.stringify(replacement)}`);
        },
      ),
      { numRuns: 400 },
    );
  });
});

function setAt(target: object, path: readonly PathSegment[], replacement: unknown): void {
  let parent = target;
  for (const step of path.slice(0, -1)) {
    const next: unknown = Reflect.get(parent, step);
    assert.ok(typeof next === 'object' && next !== null);
    parent = next;
  }
  const last = path[path.length - 1]!;
  // undefined stands for "remove the key"; an array slot keeps its place with null instead.
  if (replacement === undefined) {
    if (Array.isArray(parent)) Reflect.set(parent, last, null);
    else Reflect.deleteProperty(parent, last);
  } else Reflect.set(parent, last, replacement);
}

function hasViolation(root: OutlineNode): boolean {
  if (root.info.violations.length > 0) return true;
  return allNodes(root).some((n) => n.info.violations.length > 0);
}

describe('details outline: links, paths, types', () => {
  it('offers http(s) links only', () => {
    assert.equal(linkFor('https://vercel.com/acme/app/dpl_1', undefined), 'https://vercel.com/acme/app/dpl_1');
    assert.equal(linkFor('javascript:alert(1)', undefined), undefined);
    assert.equal(linkFor('file:///etc/passwd', undefined), undefined);
    assert.equal(linkFor('data:text/html,<script>', undefined), undefined);
    assert.equal(linkFor('not a url', undefined), undefined);
  });

  it('serves a field documented as a hostname over https', () => {
    const value = example();
    value.url = 'my-app-abc123.vercel.app';
    value.inspectorUrl = 'https://vercel.com/acme/my-app/abc';
    const root = outline(value);
    assert.equal(node(root, 'url').info.url, 'https://my-app-abc123.vercel.app/');
    assert.equal(node(root, 'inspectorUrl').info.url, 'https://vercel.com/acme/my-app/abc');
    // A hostname in an undocumented field stays text.
    assert.equal(node(root, 'name').info.url, undefined);
  });

  it('writes JSON paths people can paste', () => {
    assert.equal(formatPath([]), '$');
    assert.equal(formatPath(['routes', 3, 'src']), '$.routes[3].src');
    assert.equal(formatPath(['meta', 'odd-key', 'a"b']), '$.meta["odd-key"]["a\\"b"]');
    const root = outline();
    assert.equal(node(root, 'lambdas', 0, 'output', 0, 'path').id, '$.lambdas[0].output[0].path');
    assert.deepEqual(node(root, 'lambdas', 0, 'output').path, ['lambdas', 0, 'output']);
  });

  it('names types of hand-written schemas too', () => {
    assert.equal(typeLabel({ type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'number' }] } }), '(string | number)[]');
    assert.equal(typeLabel({ const: 2 }), '2');
    assert.equal(typeLabel({}), 'any');
    const root: Schema = { $defs: { id: { type: 'string', description: 'An id.' } }, type: 'object', properties: { a: { $ref: '#/$defs/id' } } };
    const n = node(createOutline(root, { a: 'x' }), 'a');
    assert.equal(n.info.type, 'string');
    assert.equal(n.info.description, 'An id.');
  });
});

describe('details outline: rows', () => {
  it('shows the top-level fields, and an expanded container its children', () => {
    const root = outline();
    const collapsed = visibleRows(root, () => false);
    assert.equal(collapsed.rows.length, Object.keys(reference).length);
    const routesOpen = visibleRows(root, (n) => n.id === '$.routes' || n.id === '$.routes[0]');
    assert.ok(routesOpen.rows.some((n) => n.id === '$.routes[0].src'));
    assert.ok(routesOpen.open.has(node(root, 'routes')));
  });

  it('filters by key or by value and opens the way to what matches', () => {
    const root = outline();
    const byKey = filteredRows(root, 'readysub', () => false);
    assert.deepEqual(byKey.rows.map((n) => n.id), ['$.readySubstate']);
    const byValue = filteredRows(root, 'STAGED', () => false);
    assert.deepEqual(byValue.rows.map((n) => n.id), ['$.readySubstate']);
    const nested = filteredRows(root, 'functionName', () => false);
    assert.deepEqual(nested.rows.map((n) => n.id), ['$.lambdas', '$.lambdas[0]', '$.lambdas[0].output', '$.lambdas[0].output[0]', '$.lambdas[0].output[0].functionName']);
    assert.equal(nested.matches, 1);
    const closed = filteredRows(root, 'functionName', () => false, (n) => n.id === '$.lambdas');
    assert.deepEqual(closed.rows.map((n) => n.id), ['$.lambdas']);
    assert.equal(filteredRows(root, 'no such thing anywhere', () => false).rows.length, 0);
  });

  it('treats the filter as text, not as a pattern', () => {
    const value = example();
    value.name = 'a.*b(';
    assert.deepEqual(filteredRows(outline(value), '.*b(', () => false).rows.map((n) => n.id), ['$.name']);
  });

  it('builds no node of a huge array until it is opened', () => {
    const value = example();
    value.routes = Array.from({ length: 50_000 }, (_, i) => ({ src: `/r/${i}`, dest: `/d/${i}` }));
    const root = outline(value);
    const rows = visibleRows(root, () => false);
    assert.equal(rows.rows.length, Object.keys(reference).length);
    const routes = node(root, 'routes');
    assert.equal(routes.childCount, 50_000);
    const open = visibleRows(root, (n) => n === routes);
    assert.equal(open.rows.length, Object.keys(reference).length + 50_000);
    assert.equal(node(root, 'routes', 49_999, 'src').value, '/r/49999');
  });
});

describe('details: the JSON Schema file and the webview plumbing', () => {
  it('exports the schema from zod, as draft 7, with the descriptions', () => {
    const exported = deploymentJsonSchema();
    assert.equal(exported.$schema, 'http://json-schema.org/draft-07/schema#');
    const readySubstate = exported.properties?.readySubstate;
    assert.ok(typeof readySubstate === 'object');
    assert.equal(readySubstate.description, descriptionOf(shape.readySubstate));
    assert.deepEqual(JSON.parse(deploymentJsonSchemaText()), { title: 'Vercel deployment', ...exported });
  });

  it('accepts only the messages of the protocol', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'copy', kind: 'path', text: '$.id' }), { type: 'copy', kind: 'path', text: '$.id' });
    assert.equal(parseWebviewMessage({ type: 'copy', kind: 'everything', text: '' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'runCommand', command: 'workbench.action.quit' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'openUrl' }), undefined);
    assert.equal(parseWebviewMessage('ready'), undefined);
  });

  it('reads the deployment back from a saved webview state', () => {
    const state = { v: 1, ref: { id: 'dpl_1', teamId: 'team_1' }, baseline: 'collapsed', toggled: [], query: '', raw: false, scrollTop: 0, rawScrollTop: 0, active: null };
    assert.deepEqual(refFromState(state), { id: 'dpl_1', teamId: 'team_1' });
    assert.deepEqual(refFromState({ ref: { id: 'dpl_2' } }), { id: 'dpl_2' });
    assert.equal(refFromState({ ref: { id: '' } }), undefined);
    assert.equal(refFromState(undefined), undefined);
  });

  it('writes a page whose CSP allows only the nonce script and media styles', () => {
    const nonce = createNonce();
    assert.match(nonce, /^[0-9a-f]{32}$/);
    assert.notEqual(createNonce(), nonce);
    const csp = contentSecurityPolicy({ cspSource: 'https://x.vscode-cdn.net', nonce });
    assert.equal(csp, `default-src 'none'; script-src 'nonce-${nonce}'; style-src https://x.vscode-cdn.net; font-src https://x.vscode-cdn.net; img-src https://x.vscode-cdn.net; require-trusted-types-for 'script'; trusted-types lit-html`);
    const html = detailsHtml({ cspSource: 'https://x', scriptUri: 'https://x/d.js?a="b"', styleUri: 'https://x/d.css', codiconUri: 'https://x/c.css', nonce, lang: 'en' });
    assert.ok(html.includes(`<script nonce="${nonce}" src="https://x/d.js?a=&quot;b&quot;"></script>`));
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.ok(!html.includes('unsafe-inline'));
  });

  it('has every webview string, with placeholders kept for the webview', () => {
    const strings = webviewStrings({ t: (m: string | { message: string }) => (typeof m === 'string' ? m : m.message) });
    assert.equal(strings.items, '{0} items');
    assert.equal(strings.violations.type, 'Expected {0}, got {1}');
    for (const [key, text] of Object.entries(strings)) {
      if (typeof text === 'string') assert.ok(text.length > 0, key);
    }
  });

  it('takes a tree node, a ref, or an already-fetched deployment', () => {
    assert.deepEqual(toDetailsTarget({ deploymentRef: { id: 'dpl_1', teamId: 't' } }), { ref: { id: 'dpl_1', teamId: 't' } });
    assert.deepEqual(toDetailsTarget({ id: 'dpl_2' }), { ref: { id: 'dpl_2' } });
    // A tree node carries its list item as `deployment` too: its ref wins.
    const listItem = { uid: 'dpl_4', name: 'app', url: 'app.vercel.app', created: 1, type: 'LAMBDAS', creator: { uid: 'u' }, inspectorUrl: null };
    assert.deepEqual(toDetailsTarget({ deploymentRef: { id: 'dpl_4' }, deployment: listItem }), { ref: { id: 'dpl_4' } });
    const fetched = toDetailsTarget({ deployment: reference, teamId: 'team_x' });
    assert.equal(fetched?.ref.id, reference.id);
    assert.equal(fetched?.ref.teamId, 'team_x');
    assert.equal(fetched?.deployment?.name, reference.name);
    assert.deepEqual(toDetailsTarget({ deployment: { id: 'dpl_3' } }), { ref: { id: 'dpl_3', teamId: undefined } });
    assert.equal(toDetailsTarget(undefined), undefined);
    assert.equal(toDetailsTarget({ deployment: 'x' }), undefined);
  });
});
