import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { creditCodeProblem, isValidCreditCode, makeCreditCode } from './credit-code.ts';

describe('unified social credit code', () => {
  it('accepts codes whose check character was worked out independently of this module', () => {
    // Check characters computed by a separate script from the standard's table of weights.
    for (const code of ['91410311MA44A1B2CG', '91110000100000589A', '124103000000000007']) {
      expect(creditCodeProblem(code)).toBeNull();
    }
  });

  it('rejects a wrong check character', () => {
    expect(creditCodeProblem('91110000100000589B')).toBe('check_character');
  });

  it('rejects forbidden letters, wrong length and lower case', () => {
    expect(creditCodeProblem('91110000100000589')).toBe('length');
    expect(creditCodeProblem('9111000010000058IB')).toBe('characters');
    expect(creditCodeProblem('91110000100000589b')).toBe('characters');
  });

  test.prop([fc.stringMatching(/^\d{8}$/)])('every made code is valid and one changed character is caught', (body) => {
    const code = makeCreditCode('91', '410311', body);
    expect(isValidCreditCode(code)).toBe(true);
    const last = code[17] === '0' ? '1' : '0';
    expect(isValidCreditCode(code.slice(0, 17) + last)).toBe(false);
  });
});
