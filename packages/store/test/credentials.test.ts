import { describe, expect, it } from 'vitest';
import { hashPassword, passwordMatches } from '../src/accounts/passwords';
import { generateToken, hashToken, looksLikeToken, sameHash } from '../src/accounts/tokens';

describe('password hashes', () => {
  it('salts each hash, so one password gives two hashes that both verify', async () => {
    const [one, two] = await Promise.all([hashPassword('correct horse battery'), hashPassword('correct horse battery')]);
    expect(one).not.toBe(two);
    expect(await passwordMatches('correct horse battery', one)).toBe(true);
    expect(await passwordMatches('correct horse battery', two)).toBe(true);
    expect(await passwordMatches('correct horse batterx', one)).toBe(false);
  });

  it('verifies with the parameters stored in the hash, so they can be raised later', async () => {
    const stored = await hashPassword('correct horse battery');
    const [, , r, p, salt, hash] = stored.split('$');
    // The same salt and password under other parameters give another key.
    expect(await passwordMatches('correct horse battery', ['scrypt', 14, r, p, salt, hash].join('$'))).toBe(false);
  });

  it('treats a password typed in another Unicode form as the same password', async () => {
    const composed = 'kata sandi caf\u00e9!';
    const decomposed = 'kata sandi cafe\u0301!';
    expect(await passwordMatches(decomposed, await hashPassword(composed))).toBe(true);
  });

  it('refuses a stored value that is not a scrypt hash', async () => {
    for (const stored of ['', 'plain', 'bcrypt$1$2$3$4$5', 'scrypt$15$8$1$salt'])
      expect(await passwordMatches('anything at all', stored)).toBe(false);
  });
});

describe('API tokens', () => {
  it('are 32 random bytes in base64url, never twice the same', () => {
    const tokens = new Set(Array.from({ length: 200 }, generateToken));
    expect(tokens.size).toBe(200);
    for (const token of tokens) {
      expect(looksLikeToken(token)).toBe(true);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
  });

  it('are kept as SHA-256 hex and compared whole', () => {
    const token = generateToken();
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(sameHash(hashToken(token), hashToken(token))).toBe(true);
    expect(sameHash(hashToken(token), hashToken(generateToken()))).toBe(false);
    expect(sameHash(hashToken(token), hashToken(token).slice(0, 62))).toBe(false);
  });
});
