import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/** zxcvbn's score 0–4; 3 is "safely unguessable: moderate protection from offline slow-hash attacks". */
const MIN_SCORE = 3;
export const PASSWORD_MIN_LENGTH = 10;

let zxcvbn: ZxcvbnFactory | undefined;

/** zxcvbn's warnings are keys (its words come in a language package): the common ones in words. */
const WARNINGS: Record<string, string> = {
  topTen: 'one of the ten most used passwords',
  topHundred: 'one of the hundred most used passwords',
  common: 'a commonly used password',
  similarToCommon: 'close to a commonly used password',
  userInputs: 'made of the login, the account’s name or this system’s name',
  straightRow: 'a row of keys',
  keyPattern: 'a keyboard pattern',
  simpleRepeat: 'repeated characters',
  extendedRepeat: 'a repeated pattern',
  sequences: 'a sequence such as abc or 6543',
  recentYears: 'a recent year',
  dates: 'a date',
  wordByItself: 'a single word',
  namesByThemselves: 'a name',
  commonNames: 'a common name',
};

/**
 * Why a new password is refused, or null when it will do: at least PASSWORD_MIN_LENGTH characters,
 * not containing the login, and a zxcvbn score of at least 3 with the login and the account's
 * names counted as guessable words (so `1234567890`, ten spaces or the login itself are refused).
 */
export function passwordWeakness(password: string, login: string, otherInputs: readonly string[] = []): string | null {
  if (password.trim().length < PASSWORD_MIN_LENGTH) return `at least ${PASSWORD_MIN_LENGTH} characters, not counting spaces at either end`;
  if (login && password.toLowerCase().includes(login.toLowerCase())) return 'must not contain the login';
  zxcvbn ??= new ZxcvbnFactory({ dictionary: { ...dictionary }, graphs: adjacencyGraphs });
  const result = zxcvbn.check(password, [login, ...otherInputs, 'huiyin', '回音']);
  if (result.score >= MIN_SCORE) return null;
  const warning = result.feedback.warning;
  const hint = warning ? (WARNINGS[warning] ?? warning) : null;
  return `too easy to guess (strength ${result.score} of 4, at least ${MIN_SCORE} needed)${hint ? `: ${hint}` : ''}`;
}
