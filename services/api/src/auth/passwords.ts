import argon2 from 'argon2';

export { hashPasswordForStore as hashPassword } from '@huiyin/engine';

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
