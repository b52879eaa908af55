import { strict as assert } from 'node:assert';
import { addIgnoreLine, addVercelIgnore, ignoresName, ignoresVercelFolder, removeVercelIgnore } from '../../src/workspace/gitignore';

describe('onboarding: .gitignore', () => {
  describe('whether .vercel is ignored already', () => {
    for (const entry of ['.vercel', '.vercel/', '/.vercel', '/.vercel/', '**/.vercel', '.vercel/*', '.vercel/**', '.*', '.vercel*', '.verc?l', '.vercel   ']) {
      it(`"${entry}" ignores it`, () => {
        assert.equal(ignoresVercelFolder(`node_modules\n${entry}\ndist\n`), true);
      });
    }
    for (const entry of ['# .vercel', 'apps/web/.vercel', '.vercelignore', 'vercel', '.vercel.json', '\\#.vercel', '']) {
      it(`"${entry}" does not`, () => {
        assert.equal(ignoresVercelFolder(`node_modules\n${entry}\n`), false);
      });
    }
    it('a later negation un-ignores it, a later entry ignores it again', () => {
      assert.equal(ignoresVercelFolder('.vercel\n!.vercel\n'), false);
      assert.equal(ignoresVercelFolder('.vercel\n!.vercel\n/.vercel/\n'), true);
    });
    it('reads CRLF files and files without a final newline', () => {
      assert.equal(ignoresVercelFolder('dist\r\n.vercel\r\n'), true);
      assert.equal(ignoresVercelFolder('dist\n.vercel'), true);
    });
  });

  describe('adding the line', () => {
    it('creates the content of a new file', () => {
      assert.deepEqual(addVercelIgnore(''), { text: '.vercel\n', changed: true });
    });
    it('appends after the last line, keeping a trailing newline', () => {
      assert.deepEqual(addVercelIgnore('node_modules\n'), { text: 'node_modules\n.vercel\n', changed: true });
    });
    it('ends an unterminated last line first', () => {
      assert.deepEqual(addVercelIgnore('node_modules'), { text: 'node_modules\n.vercel\n', changed: true });
    });
    it('keeps CRLF line endings', () => {
      assert.deepEqual(addVercelIgnore('node_modules\r\ndist'), { text: 'node_modules\r\ndist\r\n.vercel\r\n', changed: true });
    });
    it('leaves comments alone and does not count them', () => {
      assert.deepEqual(addVercelIgnore('# .vercel\n'), { text: '# .vercel\n.vercel\n', changed: true });
    });
    it('changes nothing when an existing entry covers it', () => {
      for (const text of ['.vercel/\n', '/.vercel', 'dist\r\n/.vercel/\r\n']) {
        assert.deepEqual(addVercelIgnore(text), { text, changed: false });
      }
    });
  });

  describe('taking the line back', () => {
    it('undoes an add byte for byte when the file ended with a newline', () => {
      for (const original of ['', 'node_modules\n', 'a\r\nb\r\n', '# comment\n\n']) {
        const added = addVercelIgnore(original).text;
        assert.deepEqual(removeVercelIgnore(added), { text: original, changed: true }, JSON.stringify(original));
      }
    });
    it('removes only the last exact .vercel line', () => {
      assert.deepEqual(removeVercelIgnore('.vercel/\n.vercel\nx\n.vercel\n'), { text: '.vercel/\n.vercel\nx\n', changed: true });
    });
    it('removes an unterminated last line with the break before it', () => {
      assert.deepEqual(removeVercelIgnore('dist\r\n.vercel'), { text: 'dist', changed: true });
    });
    it('changes nothing without such a line', () => {
      assert.deepEqual(removeVercelIgnore('/.vercel\n# .vercel\n'), { text: '/.vercel\n# .vercel\n', changed: false });
    });
  });

  describe('a pulled .env file (Pull Environment Variables)', () => {
    it('knows the patterns that ignore .env.local already', () => {
      for (const text of ['.env*.local\n', '.env*\n', '.env.local\n', '/.env.local\n', '*.local\n', '.env*.local\r\n']) assert.equal(ignoresName(text, '.env.local'), true, text);
      for (const text of ['', '.env\n', '# .env.local\n', '.env*.local\n!.env.local\n', 'apps/web/.env.local\n']) assert.equal(ignoresName(text, '.env.local'), false, text);
    });

    it('adds the line once, keeping the file’s line endings', () => {
      assert.deepEqual(addIgnoreLine('', '.env*.local', '.env.local'), { text: '.env*.local\n', changed: true });
      assert.deepEqual(addIgnoreLine('node_modules\r\n.vercel', '.env*.local', '.env.local'), { text: 'node_modules\r\n.vercel\r\n.env*.local\r\n', changed: true });
      assert.deepEqual(addIgnoreLine('.env*\n', '.env*.local', '.env.local'), { text: '.env*\n', changed: false });
    });
  });
});
