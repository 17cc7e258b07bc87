import { intBetween, pick, type Rng } from './prng.ts';

const PREFIXES = ['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '155', '157', '158', '159', '166', '177', '180', '181', '185', '186', '187', '188', '189', '199'];

/** Gives fake, mobile-shaped 11-digit numbers, never the same one twice. */
export type PhoneBook = { next(): string };

export function createPhoneBook(rng: Rng): PhoneBook {
  const used = new Set<string>();
  return {
    next() {
      for (;;) {
        const phone = pick(rng, PREFIXES) + String(intBetween(rng, 0, 99_999_999)).padStart(8, '0');
        if (!used.has(phone)) {
          used.add(phone);
          return phone;
        }
      }
    },
  };
}
