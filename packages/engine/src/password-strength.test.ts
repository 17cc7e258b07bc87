import { describe, expect, it } from 'vitest';
import { passwordWeakness } from './password-strength.ts';

describe('passwordWeakness', () => {
  it('refuses the passwords admins were seen to set: spaces, digits in a row, the login', () => {
    expect(passwordWeakness('          ', 'acme-01')).toMatch(/at least 10 characters/);
    expect(passwordWeakness('1234567890', 'acme-01')).toMatch(/too easy to guess/);
    expect(passwordWeakness('acme-01-portal', 'acme-01')).toMatch(/must not contain the login/);
    expect(passwordWeakness('ACME-01-2026!', 'acme-01')).toMatch(/must not contain the login/);
    expect(passwordWeakness('password1234', 'acme-01')).toMatch(/too easy to guess/);
  });

  it('counts the account’s name as guessable', () => {
    expect(passwordWeakness('zhangwei2026', 'u-88', ['zhangwei'])).toMatch(/too easy to guess/);
  });

  it('accepts passphrases and the demo’s password', () => {
    expect(passwordWeakness('quiet meadow falcon 38', 'acme-01')).toBeNull();
    expect(passwordWeakness('huiyin-demo-2026', 'ent001')).toBeNull();
    expect(passwordWeakness('correct horse battery', 'handler-a')).toBeNull();
  });
});
