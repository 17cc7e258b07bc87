import argon2 from 'argon2';

/** argon2id, the one password hash the engine writes (the API and the seed share it). */
export function hashPasswordForStore(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}
