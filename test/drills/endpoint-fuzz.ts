import fc from 'fast-check';
import { sql } from 'kysely';
import { failures, type Drill } from './support/drill.ts';
import { openRig, request, type Rig } from './support/rig.ts';

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; enum?: unknown[]; format?: string };
type Operation = { method: string; path: string; body?: Schema; query: string[]; hasId: boolean };

/** One generated request: everything in it comes from the operation's schema, made wrong. */
type Probe = {
  op: Operation;
  id: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: { kind: 'json'; value: unknown } | { kind: 'raw'; text: string; type: string } | { kind: 'none' };
  who: Who;
};
type Who = 'entA' | 'dispatcher' | 'admin' | 'handlerA' | 'headA' | 'leaderA' | 'supervisor' | 'anonymous';

const RUNS = { short: 300, full: 4000 };
/** Not fuzzed: signing out would end the session the other probes use. */
const SKIP = new Set(['POST /api/v1/auth/logout']);

/** The operations of /openapi.json with what can be made wrong in each. */
function operationsOf(doc: {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> }; parameters?: Array<{ in: string; name: string }> }>>;
}): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (SKIP.has(`${method.toUpperCase()} ${path}`)) continue;
      const body = op.requestBody?.content?.['application/json']?.schema;
      ops.push({ method: method.toUpperCase(), path, ...(body ? { body } : {}), query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name), hasId: path.includes('{id}') });
    }
  }
  return ops;
}

const jsonTypeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v);
const anyJson = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 3 }),
);
/** A value whose JSON type the schema does not accept (undefined when it has no plain type). */
const wrongFor = (s: Schema) => {
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  if (types.length === 0) return undefined;
  return anyJson.filter((v) => {
    const t = jsonTypeOf(v);
    return !types.includes(t) && !(t === 'integer' && types.includes('number'));
  });
};
const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1e309',
    'null',
    'undefined',
    '[]',
    '{}',
    "' or 1=1 --",
    '../../etc/passwd',
    '%00',
    '\u0000',
    '<script>',
    '9'.repeat(400),
    'x'.repeat(5000),
    '2026-02-30',
    'NaN',
    'true',
  ),
);

/** A body the operation's schema refuses: wrong type overall, a required field missing, or a field of the wrong type. */
function invalidBody(schema: Schema) {
  const props = Object.entries(schema.properties ?? {});
  const required = schema.required ?? [];
  const valid = () => fc.record(Object.fromEntries(props.map(([k]) => [k, anyJson])) as Record<string, fc.Arbitrary<unknown>>, { requiredKeys: [] });
  const options: Array<fc.Arbitrary<Probe['body']>> = [
    anyJson.filter((v) => jsonTypeOf(v) !== 'object').map((value) => ({ kind: 'json' as const, value })),
    fc
      .oneof(fc.string(), fc.constantFrom('{', '{"a":', 'null x', '\u0000', '{"__proto__":{"x":1}}'))
      .filter((t) => {
        try {
          JSON.parse(t);
          return false;
        } catch {
          return true;
        }
      })
      .map((text) => ({ kind: 'raw' as const, text, type: 'application/json' })),
    fc
      .tuple(nasty, fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'))
      .map(([text, type]) => ({ kind: 'raw' as const, text, type })),
  ];
  if (required.length > 0) {
    options.push(
      fc.tuple(valid(), fc.constantFrom(...required)).map(([v, drop]) => {
        const value = { ...v } as Record<string, unknown>;
        delete value[drop];
        return { kind: 'json' as const, value };
      }),
    );
  }
  const typed: Array<[string, fc.Arbitrary<unknown>]> = [];
  for (const [k, s] of props) {
    const wrong = wrongFor(s);
    if (wrong) typed.push([k, wrong]);
  }
  if (typed.length > 0) {
    options.push(fc.tuple(valid(), fc.constantFrom(...typed)).chain(([v, [k, wrong]]) => wrong.map((w) => ({ kind: 'json' as const, value: { ...v, [k]: w } }))));
  }
  return fc.oneof(...options);
}

function probes(ops: Operation[]): fc.Arbitrary<Probe> {
  return fc.constantFrom(...ops).chain((op) =>
    fc.record({
      op: fc.constant(op),
      id: fc.oneof(nasty, fc.uuid(), fc.constant('00000000-0000-0000-0000-000000000000')),
      query: fc.dictionary(op.query.length > 0 ? fc.oneof(fc.constantFrom(...op.query), fc.string({ minLength: 1, maxLength: 8 })) : fc.string({ minLength: 1, maxLength: 8 }), nasty, { maxKeys: 4 }),
      headers: fc.record({ 'idempotency-key': nasty, 'accept-language': nasty, 'x-forwarded-for': nasty }, { requiredKeys: [] }),
      body: op.body
        ? invalidBody(op.body)
        : op.method === 'GET'
          ? fc.constant({ kind: 'none' as const })
          : fc.oneof(
              fc.constant({ kind: 'none' as const }),
              anyJson.map((value) => ({ kind: 'json' as const, value })),
            ),
      who: fc.constantFrom<Who>('entA', 'dispatcher', 'admin', 'handlerA', 'headA', 'leaderA', 'supervisor', 'anonymous'),
    }),
  );
}

/** Rows in every table of the schema, to prove rejected requests left nothing behind. */
async function rowCounts(rig: Rig): Promise<Record<string, number>> {
  const tables = await sql<{
    name: string;
  }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%' order by 1`.execute(rig.db);
  const out: Record<string, number> = {};
  for (const { name } of tables.rows) out[name] = Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(name)}`.execute(rig.db)).rows[0]?.n ?? 0);
  return out;
}

/** Headers fetch would refuse to send (bytes outside Latin-1, control characters) are dropped, not sent broken. */
const sendable = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).filter(([, v]) => /^[\x20-\x7e]*$/.test(v)));

/**
 * Drill 6: property-based fuzzing of every operation in /openapi.json with fast-check. Bodies,
 * query strings, headers and ids are generated from each operation's schema and made wrong;
 * every answer must be below 500, a write must never be accepted, and the row count of every
 * table must be the same afterwards (no partial rows). The seed is printed for a replay
 * (`DRILL_SEED=<n> pnpm drill fuzz`).
 */
export const endpointFuzzDrill: Drill = {
  name: 'fuzz',
  promise: 'thousands of invalid bodies, query strings, headers and ids against every endpoint: zero 5xx, zero partial rows',
  async run(scale) {
    const f = failures();
    const rig = await openRig({ name: 'fuzz' });
    try {
      // An issue in progress, so that ids which exist are also tried.
      const issue = await rig.dispatched();
      const doc = (await request(rig.base, 'GET', '/openapi.json')).body as Parameters<typeof operationsOf>[0];
      const ops = operationsOf(doc);
      const seed = Number(process.env['DRILL_SEED'] ?? Date.now() % 2 ** 31);
      const samples = fc.sample(probes(ops), { numRuns: RUNS[scale], seed });
      const before = await rowCounts(rig);
      const statuses = new Map<number, number>();
      const touched = new Set<string>();
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < samples.length; i = next++) {
          const p = samples[i] as Probe;
          const id = i % 5 === 0 ? issue.id : p.id;
          const path = p.op.path.replace('{id}', encodeURIComponent(id));
          const qs = new URLSearchParams(p.query).toString();
          const headers = sendable(p.headers);
          const opts = p.body.kind === 'json' ? { body: p.body.value, headers } : p.body.kind === 'raw' ? { raw: p.body.text, headers: { ...headers, 'content-type': p.body.type } } : { headers };
          const res = await request(rig.base, p.op.method, `${path}${qs ? `?${qs}` : ''}`, { token: p.who === 'anonymous' ? null : rig.as(p.who), ...opts });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          touched.add(`${p.op.method} ${p.op.path}`);
          const probe = () => `${p.who} ${p.op.method} ${`${path}${qs ? `?${qs}` : ''}`.slice(0, 200)} ${JSON.stringify(p.body).slice(0, 200)}`;
          f.check(res.status > 0 && res.status < 500, () => `${res.status} for ${probe()}: ${res.text.slice(0, 200)}`);
          // Every body sent to an operation with a schema is wrong: accepting one is a validation gap.
          if (p.op.body && p.op.method !== 'GET') f.check(res.status >= 400, () => `${res.status}: an invalid body was accepted: ${probe()}`);
          // 414 and 431 come from Node's HTTP parser before any route: a bare status line is all there is.
          if (res.status >= 400 && res.status !== 414 && res.status !== 431)
            f.check((res.headers.get('content-type') ?? '').startsWith('application/problem+json'), () => `${res.status} not problem+json for ${probe()}`);
        }
      };
      await Promise.all(Array.from({ length: 4 }, worker));
      const after = await rowCounts(rig);
      const changed = Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
      f.check(changed.length === 0, () => `rows changed by rejected requests: ${changed.map((t) => `${t} ${before[t]}→${after[t]}`).join(', ')}`);
      const crashes = rig.api.logs.filter((l) => l.msg === 'unhandled error');
      f.check(crashes.length === 0, () => `the API logged ${crashes.length} unhandled errors, e.g. ${JSON.stringify(crashes[0]).slice(0, 400)}`);
      const counts = [...statuses]
        .sort(([a], [b]) => a - b)
        .map(([s, n]) => `${s}×${n}`)
        .join(' ');
      return { summary: `seed ${seed}: ${samples.length} requests over ${touched.size} of ${ops.length} operations: ${counts}; ${changed.length} tables changed`, failures: f.list };
    } finally {
      await rig.close();
    }
  },
};
