/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015.
 *
 * 18 characters from a 31-symbol alphabet (digits and capitals without I, O, S, V, Z):
 * registration authority (1), entity type (1), administrative division (6 digits),
 * organisation code per GB 11714 (9, its own check character last), check character (1).
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights 3^i mod 31, as the standard lists them. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/**
 * GB 11714 organisation code weights for its first eight characters. Used only to make demo codes
 * look real: codes issued before 2015 do not all satisfy it, so validation checks GB 32100 alone.
 */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type CreditCodeProblem = 'length' | 'characters' | 'check_character';

/** The GB 32100 check character for the first 17 characters. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i] ?? '') * (WEIGHTS[i] ?? 0);
  return ALPHABET[(31 - (sum % 31)) % 31] ?? '';
}

/** The GB 11714 check character for an 8-character organisation code body. */
export function organisationCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += ALPHABET.indexOf(body8[i] ?? '') * (ORG_WEIGHTS[i] ?? 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Why a code is not a valid unified social credit code, or null when it is. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  if (!SHAPE.test(code)) return 'characters';
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return 'check_character';
  return null;
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}

/**
 * Builds a valid code from a registration prefix (e.g. '91' for a company registered by market
 * regulation), a 6-digit division code and an 8-digit organisation body. Used by the demo seed.
 */
export function makeCreditCode(prefix: string, division: string, orgBody8: string): string {
  const first17 = prefix + division + orgBody8 + organisationCheckChar(orgBody8);
  return first17 + creditCodeCheckChar(first17);
}
