#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readCheckpoints, readEvents } from './read-export.ts';
import { createVerifier, readPublicKey } from './verify.ts';

const USAGE = `huiyin-ledger-verify <export.jsonl> --public-key <key.pem> [--checkpoints <published.jsonl>]...
  Recomputes every event's hash from the export and checks each checkpoint (the export's and the
  published ones) against the public key. Exit 0: every chain and checkpoint holds; 1: a problem,
  one line each on stderr; 2: wrong usage or an unreadable file.`;

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: { 'public-key': { type: 'string' }, checkpoints: { type: 'string', multiple: true } } });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return null;
  }
}

/** The verifier's command line; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const parsed = parse(argv);
  if (!parsed) return 2;
  const [file] = parsed.positionals;
  const keyFile = parsed.values['public-key'];
  if (!file || !keyFile || parsed.positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  try {
    const publicKey = readPublicKey(readFileSync(keyFile, 'utf8'));
    const published = [];
    for (const f of parsed.values.checkpoints ?? []) published.push(...(await readCheckpoints(f)));
    // Two passes over the export: its checkpoints, then its events streamed through the verifier.
    const verifier = createVerifier({ checkpoints: await readCheckpoints(file), published, publicKey });
    for await (const e of readEvents(file)) verifier.event(e);
    const result = verifier.finish();
    for (const p of result.problems) console.error(`BROKEN ${p}`);
    const summary = `${result.events} events in ${result.chains} chains, ${result.checkpoints} checkpoints`;
    if (result.problems.length > 0) {
      console.error(`ledger-verify: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}; ${summary}`);
      return 1;
    }
    if (result.checkpoints === 0) console.warn('ledger-verify: no checkpoint: the chains hold together, but nothing signed vouches for them');
    console.log(`ledger-verify: every hash and checkpoint holds; ${summary}`);
    return 0;
  } catch (err) {
    console.error(`ledger-verify: ${(err as Error).message}`);
    return 2;
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) process.exitCode = await main(process.argv.slice(2));
