import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { weakSecretReason } from './secret-strength';

describe('session secret strength', () => {
  it('refuses short secrets', () => {
    expect(weakSecretReason(randomBytes(12).toString('base64url'))).toMatch(/at least 32 characters/);
  });

  it.each([
    ['one character 32 times', 'a'.repeat(32)],
    ['a short block repeated', 'abcdefgh'.repeat(4)],
    ['a word repeated, cut short', 'changeme-changeme-changeme-change'],
    ['a password repeated', 'passwordpasswordpasswordpassword'],
    ['a running sequence', '0123456789:;<=>?@ABCDEFGHIJKLMNO'],
    ['the alphabet', 'abcdefghijklmnopqrstuvwxyz012345'],
    ['few different characters', 'abacabadabacabaeabacabadabacabaf'],
  ])('refuses %s', (_name, secret) => {
    expect(weakSecretReason(secret)).toMatch(/looks typed, not generated/);
  });

  it('accepts generated secrets of every usual shape', () => {
    for (let i = 0; i < 2000; i += 1) {
      expect(weakSecretReason(randomBytes(16).toString('hex'))).toBeNull();
      expect(weakSecretReason(randomBytes(32).toString('base64'))).toBeNull();
    }
    expect(weakSecretReason('test-session-secret-of-at-least-32-chars')).toBeNull();
  });
});
