import { CONSOLE_COOKIE, CONSOLE_SESSION_SECONDS, consoleSessionOf, newConsoleSession, validConsoleSession } from './console-session';

const KEY = 'admin-key-0123456789abcdef';
const NOW = Date.UTC(2026, 11, 7, 21, 0, 0);

describe('console session', () => {
  describe('validConsoleSession', () => {
    it('accepts a session it signed with the same admin key until it expires', () => {
      const session = newConsoleSession(KEY, NOW);
      expect(validConsoleSession(session, KEY, NOW + 1000)).toBe(true);
      expect(validConsoleSession(session, KEY, NOW + CONSOLE_SESSION_SECONDS * 1000 - 1000)).toBe(true);
      expect(validConsoleSession(session, KEY, NOW + CONSOLE_SESSION_SECONDS * 1000)).toBe(false);
    });

    it('refuses it once the admin key changed, and refuses a longer expiry or a malformed value', () => {
      const session = newConsoleSession(KEY, NOW);
      const [expiry, nonce, signature] = session.split('.');
      expect(validConsoleSession(session, `${KEY}-rotated`, NOW)).toBe(false);
      expect(validConsoleSession(`${Number(expiry) + 86_400}.${nonce}.${signature}`, KEY, NOW)).toBe(false);
      expect(validConsoleSession(`${expiry}.${nonce}`, KEY, NOW)).toBe(false);
      expect(validConsoleSession('', KEY, NOW)).toBe(false);
    });
  });

  describe('consoleSessionOf', () => {
    it("reads the console's cookie among others", () => {
      expect(consoleSessionOf(`theme=dark; ${CONSOLE_COOKIE}=123.abc.def; other=1`)).toBe('123.abc.def');
      expect(consoleSessionOf(`x${CONSOLE_COOKIE}=1`)).toBeUndefined();
      expect(consoleSessionOf(undefined)).toBeUndefined();
    });
  });
});
