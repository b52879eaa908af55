import { strict as assert } from 'node:assert';
import { timestampAt } from '../../src/details/timestampText';

describe('timestamps in the deployment JSON', () => {
  const line = '  "createdAt": 1764745322000,';

  it('finds a timestamp property\'s value under the cursor, on its digits only', () => {
    const start = line.indexOf('1764');
    assert.deepEqual(timestampAt(line, start), { value: 1764745322000, start, end: start + 13 });
    assert.deepEqual(timestampAt(line, start + 13), { value: 1764745322000, start, end: start + 13 });
    assert.equal(timestampAt(line, start - 2), undefined);
    assert.equal(timestampAt(line, 4), undefined, 'the key is not the value');
  });

  it('knows created, ready and …At, and numbers that are plausibly dates', () => {
    assert.ok(timestampAt('"ready": 1764745322000', 12));
    assert.ok(timestampAt('{"created": 1764745322000}', 15));
    assert.equal(timestampAt('"readyStateAt": 17', 17), undefined, 'not a plausible date');
    assert.equal(timestampAt('"count": 1764745322000', 12), undefined, 'not a timestamp field');
    assert.equal(timestampAt('"buildingAt": "1764745322000"', 18), undefined, 'a string is not a timestamp');
  });
});
