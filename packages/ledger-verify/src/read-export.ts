import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Checkpoint, ExportedEvent } from './rules.ts';

/** Each JSON line of a file, with its line number. */
async function* jsonLines(file: string): AsyncGenerator<{ row: { kind?: unknown }; n: number; line: string }> {
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY })) {
    n += 1;
    if (!line.trim()) continue;
    try {
      yield { row: JSON.parse(line) as { kind?: unknown }, n, line };
    } catch {
      throw new Error(`${file}:${n}: not a JSON line`);
    }
  }
}

/** The checkpoints of an export, or of a file of published checkpoints. */
export async function readCheckpoints(file: string): Promise<Checkpoint[]> {
  const checkpoints: Checkpoint[] = [];
  for await (const { row } of jsonLines(file)) if (row.kind === 'checkpoint') checkpoints.push(row as Checkpoint);
  return checkpoints;
}

/** The events of an export, one at a time, in the file's order. */
export async function* readEvents(file: string): AsyncGenerator<ExportedEvent> {
  for await (const { row } of jsonLines(file)) if (row.kind === 'issue_event' || row.kind === 'project_event') yield row as ExportedEvent;
}

/** A whole export in memory (tests, small ledgers). */
export async function readExport(file: string): Promise<{ events: ExportedEvent[]; checkpoints: Checkpoint[] }> {
  const events: ExportedEvent[] = [];
  for await (const e of readEvents(file)) events.push(e);
  return { events, checkpoints: await readCheckpoints(file) };
}
