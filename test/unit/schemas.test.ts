import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { DeploymentListItemSchema, DeploymentListSchema, descriptionOf, isInProgress, isKnown, READY_STATES, readyStateOf } from '../../src/api/schemas';
import { deploymentSchema } from '../../src/api/deployment';
import { VercelSchemaError } from '../../src/api/errors';

const example: Record<string, unknown> = JSON.parse(
  readFileSync(path.join(__dirname, '../fixtures/deployment-reference.json'), 'utf8'),
);

const listItem = {
  uid: 'dpl_1',
  name: 'web',
  projectId: 'prj_1',
  url: 'web-abc.vercel.app',
  created: 1_700_000_000_000,
  createdAt: 1_700_000_000_000,
  readyState: 'BUILDING',
  type: 'LAMBDAS',
  creator: { uid: 'u1', username: 'ada' },
  inspectorUrl: null,
  target: null,
};

describe('schemas', () => {
  it('parses the reference example response of the cancel endpoint', () => {
    const parsed = deploymentSchema().parse(example);
    assert.equal(parsed.readyState, 'BUILDING');
    assert.equal(parsed.version, 2);
    assert.deepEqual(parsed.build, { env: ['<string>'] });
  });

  it('gives every documented field of the deployment a description', () => {
    const missing = Object.entries(deploymentSchema().shape)
      .filter(([, field]) => !descriptionOf(field))
      .map(([key]) => key);
    assert.deepEqual(missing, []);
    for (const key of Object.keys(example)) {
      assert.ok(key in deploymentSchema().shape, `${key} of the reference example is not in the schema`);
    }
  });

  it('keeps unknown fields through a parse, at every depth', () => {
    const input = { ...example, brandNew: { nested: [1, 2] }, creator: { uid: 'u', extra: 'kept' } };
    const parsed = deploymentSchema().parse(input);
    assert.deepEqual(JSON.parse(JSON.stringify(parsed)), JSON.parse(JSON.stringify(input)));
  });

  it('keeps an unknown readyState and lets callers see it is unknown', () => {
    const parsed = deploymentSchema().parse({ ...example, readyState: 'HIBERNATING', status: 'HIBERNATING' });
    assert.equal(parsed.readyState, 'HIBERNATING');
    assert.equal(isKnown(READY_STATES, parsed.readyState), false);
    assert.equal(isKnown(READY_STATES, 'READY'), true);
  });

  it('names the field path of a response that breaks the schema', () => {
    const { createdAt: _drop, ...withoutCreatedAt } = example;
    const missing = deploymentSchema().safeParse(withoutCreatedAt);
    assert.equal(missing.success, false);
    const error = VercelSchemaError.fromZod('GET /v13/deployments/x', missing.error!);
    assert.equal(error.path, 'createdAt');

    const list = DeploymentListSchema().safeParse({
      deployments: [listItem, { ...listItem, uid: 'dpl_2', created: 'yesterday' }],
      pagination: { count: 2, next: null, prev: null },
    });
    assert.equal(list.success, false);
    const listError = VercelSchemaError.fromZod('GET /v6/deployments', list.error!);
    assert.equal(listError.path, 'deployments[1].created');
    assert.match(listError.message, /deployments\[1\]\.created/);
    assert.match(listError.reason, /expected number, received string/, 'the reason says what was expected');
  });

  it('accepts a preview (null target) and list states that only lists have', () => {
    const parsed = DeploymentListItemSchema().parse({ ...listItem, readyState: 'DELETED', target: null });
    assert.equal(parsed.target, null);
    assert.equal(readyStateOf(parsed), 'DELETED');
    assert.equal(readyStateOf({ state: 'QUEUED' }), 'QUEUED');
  });

  it('treats exactly QUEUED, INITIALIZING and BUILDING as in progress', () => {
    assert.deepEqual(
      [...READY_STATES, 'BLOCKED', 'SOMETHING'].filter(isInProgress),
      ['QUEUED', 'INITIALIZING', 'BUILDING'],
    );
  });

  it('round-trips any extra JSON field on a list item (property)', () => {
    const jsonValue = fc.jsonValue();
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((k) => !(k in DeploymentListItemSchema().shape) && k !== '__proto__'),
        jsonValue,
        fc.string(),
        (key, value, state) => {
          const input = { ...listItem, readyState: state, [key]: value };
          const parsed = DeploymentListItemSchema().parse(input);
          assert.deepEqual(parsed[key], value);
          assert.equal(parsed.readyState, state);
        },
      ),
    );
  });
});
