import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';

/** The ledger's checkpoint signing key pair (Ed25519). */
export type LedgerKeys = { privateKey: KeyObject; publicKey: KeyObject };

// PKCS#8 DER of an Ed25519 key is this prefix followed by the 32-byte seed (RFC 8410).
const SEED_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function parseKey(text: string, where: string): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  try {
    if (trimmed.startsWith('-----BEGIN')) key = createPrivateKey(trimmed);
    else {
      const seed = Buffer.from(trimmed, 'base64');
      if (seed.length !== 32) throw new Error(`a base64 seed must be 32 bytes, this is ${seed.length}`);
      key = createPrivateKey({ key: Buffer.concat([SEED_PREFIX, seed]), format: 'der', type: 'pkcs8' });
    }
  } catch (err) {
    throw new Error(`${where}: not an Ed25519 private key (${(err as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${where}: an ${key.asymmetricKeyType} key, not Ed25519`);
  return key;
}

/**
 * The key that signs ledger checkpoints: LEDGER_SIGNING_KEY, else the PEM in LEDGER_KEY_FILE,
 * made there on first use (a demo's own key; `log` says so, since a checkpoint signed by it is
 * only as trustworthy as the file). Two processes starting at once agree: the file is linked into
 * place exclusively, and the loser reads the winner's.
 */
export function ledgerSigningKey(config: Pick<Config, 'ledgerSigningKey' | 'ledgerKeyFile'>, log: (line: string) => void = () => {}): LedgerKeys {
  if (config.ledgerSigningKey) {
    const privateKey = parseKey(config.ledgerSigningKey, 'LEDGER_SIGNING_KEY');
    return { privateKey, publicKey: createPublicKey(privateKey) };
  }
  const file = path.resolve(config.ledgerKeyFile);
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    const { privateKey } = generateKeyPairSync('ed25519');
    mkdirSync(path.dirname(file), { recursive: true });
    // Written aside, then linked into place: no reader ever sees a half-written key.
    const aside = `${file}.${process.pid}.tmp`;
    writeFileSync(aside, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    try {
      linkSync(aside, file);
      log(`ledger: no LEDGER_SIGNING_KEY given; generated a new Ed25519 checkpoint signing key in ${file} (set LEDGER_SIGNING_KEY in production)`);
    } catch (writeErr) {
      if ((writeErr as NodeJS.ErrnoException).code !== 'EEXIST') throw writeErr;
    } finally {
      unlinkSync(aside);
    }
    pem = readFileSync(file, 'utf8');
  }
  const privateKey = parseKey(pem, file);
  return { privateKey, publicKey: createPublicKey(privateKey) };
}
