import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ledgerSigningKey } from './ledger-key.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'huiyin-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const raw = (k: ReturnType<typeof ledgerSigningKey>) => k.publicKey.export({ format: 'jwk' }).x;

describe('ledgerSigningKey', () => {
  it('takes LEDGER_SIGNING_KEY as a base64 seed or as the PEM of the same key', () => {
    const seed = Buffer.alloc(32, 7).toString('base64');
    const fromSeed = ledgerSigningKey({ ledgerSigningKey: seed, ledgerKeyFile: path.join(dir, 'unused.pem') });
    const pem = fromSeed.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(raw(ledgerSigningKey({ ledgerSigningKey: pem, ledgerKeyFile: path.join(dir, 'unused.pem') }))).toBe(raw(fromSeed));
  });

  it('refuses a key that is not Ed25519, naming the variable', () => {
    expect(() => ledgerSigningKey({ ledgerSigningKey: Buffer.alloc(16).toString('base64'), ledgerKeyFile: 'x' })).toThrow(
      /^LEDGER_SIGNING_KEY: not an Ed25519 private key \(a base64 seed must be 32 bytes, this is 16\)/,
    );
  });

  it('without one, generates the key file once, says so, and reads the same key after', () => {
    const file = path.join(dir, 'nested', 'key.pem');
    const lines: string[] = [];
    const first = ledgerSigningKey({ ledgerSigningKey: null, ledgerKeyFile: file }, (l) => lines.push(l));
    const again = ledgerSigningKey({ ledgerSigningKey: null, ledgerKeyFile: file }, (l) => lines.push(l));
    expect(raw(again)).toBe(raw(first));
    expect(lines).toEqual([expect.stringContaining(`generated a new Ed25519 checkpoint signing key in ${file}`)]);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });
});
