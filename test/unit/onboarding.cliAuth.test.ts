import { strict as assert } from 'node:assert';
import { cliConfigDirs, parseCliLogin } from '../../src/auth/cliAuth';

const NOW = Date.UTC(2026, 11, 3, 8, 0, 0);

describe('onboarding: the Vercel CLI login (auth.json)', () => {
  describe('where it lives', () => {
    it('Linux: $XDG_DATA_HOME when set, else ~/.local/share; then the legacy ~/.now', () => {
      assert.deepEqual(cliConfigDirs({ platform: 'linux', env: { XDG_DATA_HOME: '/x/data' }, home: '/home/a' }), [
        '/x/data/com.vercel.cli',
        '/home/a/.now',
      ]);
      assert.deepEqual(cliConfigDirs({ platform: 'linux', env: {}, home: '/home/a' })[0], '/home/a/.local/share/com.vercel.cli');
      assert.deepEqual(cliConfigDirs({ platform: 'linux', env: { XDG_DATA_HOME: '' }, home: '/home/a' })[0], '/home/a/.local/share/com.vercel.cli');
    });
    it('macOS: ~/Library/Application Support', () => {
      assert.equal(cliConfigDirs({ platform: 'darwin', env: {}, home: '/Users/a' })[0], '/Users/a/Library/Application Support/com.vercel.cli');
    });
    it('Windows: %APPDATA%\\xdg.data', () => {
      assert.equal(
        cliConfigDirs({ platform: 'win32', env: { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, home: 'C:\\Users\\a' })[0],
        'C:\\Users\\a\\AppData\\Roaming\\xdg.data\\com.vercel.cli',
      );
    });
  });

  describe('what it says', () => {
    it('a missing file', () => {
      assert.deepEqual(parseCliLogin(undefined, undefined, NOW), { kind: 'missing' });
    });
    it('a token from vercel login, with the CLI\'s note keys', () => {
      const text = JSON.stringify({ '// Note': 'This is your Vercel credentials file. DO NOT SHARE!', '// Docs': 'https://vercel.com/docs', token: 'abc123' }, null, 2);
      assert.deepEqual(parseCliLogin(text, undefined, NOW), { kind: 'token', token: 'abc123', expiresAt: undefined });
    });
    it('an OAuth login that is still valid (expiresAt in seconds)', () => {
      const expires = NOW / 1000 + 3600;
      const text = JSON.stringify({ token: 'vca_x', refreshToken: 'r', expiresAt: expires, userId: 'u1' });
      assert.deepEqual(parseCliLogin(text, undefined, NOW), { kind: 'token', token: 'vca_x', expiresAt: expires * 1000 });
    });
    it('an OAuth login that has expired', () => {
      const text = JSON.stringify({ token: 'vca_x', refreshToken: 'r', expiresAt: NOW / 1000 - 1 });
      assert.deepEqual(parseCliLogin(text, undefined, NOW), { kind: 'expired', expiredAt: NOW - 1000 });
    });
    it('after vercel logout: no token', () => {
      assert.deepEqual(parseCliLogin('{"// Note":"x"}', undefined, NOW), { kind: 'signedOut' });
      assert.deepEqual(parseCliLogin('{"token":null}', undefined, NOW), { kind: 'signedOut' });
    });
    it('credentials in the OS keychain (credStorage in config.json or auth.json)', () => {
      assert.deepEqual(parseCliLogin('{}', '{"credStorage":"keyring"}', NOW), { kind: 'keychain' });
      assert.deepEqual(parseCliLogin('{"credStorage":"keyring"}', undefined, NOW), { kind: 'keychain' });
      assert.deepEqual(parseCliLogin('{"token":""}', '{"credStorage":"keyring"}', NOW), { kind: 'keychain' });
      // A token still in the file is used (and checked with Vercel before it is kept).
      assert.deepEqual(parseCliLogin('{"token":"t"}', '{"credStorage":"keyring"}', NOW), { kind: 'token', token: 't', expiresAt: undefined });
      assert.deepEqual(parseCliLogin('{}', '{"credStorage":"file"}', NOW), { kind: 'signedOut' });
    });
    it('malformed files, without ever echoing their content', () => {
      const cases: Array<[string, string]> = [
        ['{"token":"secret-abc"', 'notJson'],
        ['', 'notJson'],
        ['["secret"]', 'notObject'],
        ['"secret"', 'notObject'],
        ['null', 'notObject'],
        ['{"token":42}', 'tokenNotString'],
        ['{"token":"   "}', 'tokenEmpty'],
        ['{"token":"two words"}', 'tokenHasSpaces'],
      ];
      for (const [text, reason] of cases) {
        const result = parseCliLogin(text, undefined, NOW);
        assert.deepEqual(result, { kind: 'malformed', reason }, text);
        assert.ok(!JSON.stringify(result).includes('secret'));
      }
    });
    it('ignores a broken config.json', () => {
      assert.deepEqual(parseCliLogin('{"token":"t"}', '{oops', NOW), { kind: 'token', token: 't', expiresAt: undefined });
    });
  });
});
