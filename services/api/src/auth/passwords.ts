import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { hashPasswordForStore } from '@huiyin/engine';

export { hashPasswordForStore as hashPassword } from '@huiyin/engine';

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Checks a password for a login that has no account against a hash of a random password made
 * with the same parameters, so an unknown login takes as long as a known one with a wrong
 * password (otherwise the answer's time tells which logins exist). Always false.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPasswordForStore(randomBytes(24).toString('base64url'));
  await verifyPassword(await dummy, password);
  return false;
}

/** Made at start, so the first unknown login does not take twice as long. */
export function prepareDummyHash(): void {
  dummy ??= hashPasswordForStore(randomBytes(24).toString('base64url'));
}
