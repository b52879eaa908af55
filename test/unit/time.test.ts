import { strict as assert } from 'node:assert';
import { ageChangesIn, formatAge, formatDate, formatDuration, formatRelative, formatTime } from '../../src/util/time';

const now = Date.UTC(2026, 11, 3, 6, 42, 0);
const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('time formatting', () => {
  describe('formatAge', () => {
    it('is compact and counts whole units, with each boundary on the right side', () => {
      const cases: Array<[number, string]> = [
        [0, 'now'],
        [59 * s, 'now'],
        [60 * s, '1m'],
        [5 * m + 59 * s, '5m'],
        [59 * m + 59 * s, '59m'],
        [h, '1h'],
        [23 * h + 59 * m, '23h'],
        [d, '1d'],
        [6 * d + 23 * h, '6d'],
        [7 * d, '1w'],
        [364 * d, '52w'],
        [365 * d, '1y'],
        [3 * 365 * d, '3y'],
      ];
      for (const [age, expected] of cases) {
        assert.equal(formatAge(now - age, now), expected, `${age} ms`);
      }
    });

    it('reads "now" for a time a little in the future', () => {
      assert.equal(formatAge(now + 5 * s, now), 'now');
    });

    it('speaks the locale, and falls back for one Intl does not know', () => {
      assert.equal(formatAge(now - 5 * m, now, 'de'), '5 Min.');
      assert.equal(formatAge(now - 30 * s, now, 'de'), 'jetzt');
      assert.equal(formatAge(now - 3 * d, now, 'fr'), '3j');
      assert.match(formatAge(now - 2 * h, now, 'not a locale!'), /2/);
    });
  });

  describe('ageChangesIn', () => {
    it('says when the age text will change, and the text does change then and not before', () => {
      for (const age of [0, 30 * s, 59 * s, 61 * s, 5 * m + 1, 59 * m, 2 * h + 17 * m, 3 * d + 5 * h, 20 * d, 400 * d]) {
        const created = now - age;
        const wait = ageChangesIn(created, now);
        assert.ok(wait > 0, `${age}: ${wait}`);
        assert.equal(formatAge(created, now + wait - 1), formatAge(created, now), `${age}: same text just before`);
        assert.notEqual(formatAge(created, now + wait), formatAge(created, now), `${age}: new text at ${wait}`);
      }
    });
  });

  describe('formatDuration', () => {
    it('gives the two largest units, in whole seconds', () => {
      const cases: Array<[number, string]> = [
        [-5, '0s'],
        [0, '0s'],
        [999, '0s'],
        [38 * s, '38s'],
        [59 * s + 999, '59s'],
        [60 * s, '1m'],
        [102 * s, '1m 42s'],
        [h - 1, '59m 59s'],
        [h, '1h'],
        [2 * h + 5 * m + 9 * s, '2h 5m'],
        [d + 4 * h, '1d 4h'],
        [3 * d, '3d'],
      ];
      for (const [ms, expected] of cases) {
        assert.equal(formatDuration(ms), expected, `${ms} ms`);
      }
    });

    it('speaks the locale', () => {
      assert.equal(formatDuration(102 * s, 'de'), '1 Min. 42 Sek.');
      assert.equal(formatDuration(102 * s, 'fr'), '1min 42s');
    });
  });

  describe('formatRelative', () => {
    it('says how long ago in words', () => {
      assert.equal(formatRelative(now - 3 * m, now), '3 minutes ago');
      assert.equal(formatRelative(now - 2 * h, now), '2 hours ago');
      assert.equal(formatRelative(now - d, now), '1 day ago');
      assert.equal(formatRelative(now - 700 * d, now), '1 year ago');
      assert.equal(formatRelative(now, now), 'now');
      assert.equal(formatRelative(now - 59 * s, now), 'now');
      assert.equal(formatRelative(now - 60 * s, now), '1 minute ago');
      assert.equal(formatRelative(now - 119 * s, now), '1 minute ago');
      assert.equal(formatRelative(now - 5 * m, now, 'de'), 'vor 5 Minuten');
    });
  });

  describe('formatDate and formatTime', () => {
    it('use the locale\'s own order and names', () => {
      const en = formatDate(now, 'en-US');
      const de = formatDate(now, 'de-DE');
      assert.match(en, /Dec 3, 2026/);
      assert.match(de, /03\.12\.2026/);
      assert.match(formatTime(now, 'en-US'), /:42:00/);
      assert.equal(formatDate(Number.NaN), 'NaN');
    });

    it('is the one date format of dialogs and the details header: medium date and medium time', () => {
      // Local time, so the test holds in any time zone; ICU may put a narrow no-break space before PM.
      const moment = new Date(2026, 11, 7, 14, 19, 13).getTime();
      assert.equal(formatDate(moment, 'en-US').replace(/\s/g, ' '), 'Dec 7, 2026, 2:19:13 PM');
      assert.notEqual(formatDate(moment, 'en-US'), new Date(moment).toLocaleString('en-US'), 'not the numeric 12/7/2026 form');
    });

    it('makes its formatters on first use, not when the module is imported (activation stays lean), and only once per locale', () => {
      const modulePath = require.resolve('../../src/util/time');
      const original = Intl.DateTimeFormat;
      let made = 0;
      const counting = function (this: unknown, ...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
        made++;
        return new original(...args);
      } as unknown as typeof Intl.DateTimeFormat;
      Object.assign(counting, original);
      const cached = require.cache[modulePath];
      delete require.cache[modulePath];
      Intl.DateTimeFormat = counting;
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const fresh = require('../../src/util/time') as typeof import('../../src/util/time');
        assert.equal(made, 0, 'a formatter was made at import');
        fresh.formatDate(now, 'en-GB');
        fresh.formatDate(now + 1000, 'en-GB');
        assert.equal(made, 1);
      } finally {
        Intl.DateTimeFormat = original;
        if (cached) require.cache[modulePath] = cached;
      }
    });
  });
});
