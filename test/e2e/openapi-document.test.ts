import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, Spectral } from '@stoplight/spectral-core';
import { Json } from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import openapiTS, { astToString } from 'openapi-typescript';
import { startApi, type TestApi } from '../support/api.ts';

type Operation = { operationId?: string; tags?: string[]; security?: unknown[]; responses: Record<string, { $ref?: string; content?: Record<string, { schema?: unknown }> }> };
type OpenApi = { tags: Array<{ name: string }>; paths: Record<string, Record<string, Operation>> };

let api: TestApi;
let text: string;
let doc: OpenApi;
beforeAll(async () => {
  api = await startApi();
  text = (await api.app.inject({ url: '/openapi.json' })).body;
  doc = JSON.parse(text) as OpenApi;
});
afterAll(() => api.close());

const operations = () => Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })));

describe('the OpenAPI document', () => {
  it("passes spectral's spectral:oas ruleset with no error and no warning", async () => {
    const spectral = new Spectral();
    spectral.setRuleset({ extends: [[oas as never, 'recommended']] });
    const results = await spectral.run(new Document(text, Json, '/openapi.json'));
    const findings = results.filter((r) => r.severity <= 1).map((r) => `${r.code} at ${r.path.join('.')}: ${r.message}`);
    expect(findings).toEqual([]);
  });

  it('names every operation once, tags it with a defined tag, and declares what it answers', () => {
    const tags = new Set(doc.tags.map((t) => t.name));
    const ids = new Map<string, string>();
    const missing: string[] = [];
    for (const { name, op } of operations()) {
      if (!op.operationId) missing.push(`${name}: no operationId`);
      else if (ids.has(op.operationId)) missing.push(`${name}: operationId ${op.operationId} also on ${ids.get(op.operationId)}`);
      else ids.set(op.operationId, name);
      for (const tag of op.tags ?? ['(none)']) if (!tags.has(tag)) missing.push(`${name}: tag ${tag} not defined`);
      const successes = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
      if (successes.length === 0) missing.push(`${name}: no success response`);
      for (const [status, response] of successes) {
        if (status !== '204' && !Object.values(response.content ?? {}).some((c) => c.schema)) missing.push(`${name}: ${status} without a schema`);
      }
    }
    expect(missing).toEqual([]);
    expect(ids.size).toBeGreaterThan(80);
  });

  it('declares problems as application/problem+json, and no session where none is needed', () => {
    for (const { name, op } of operations()) {
      const open = Array.isArray(op.security) && op.security.length === 0;
      expect(op.responses['400']?.$ref, name).toBe('#/components/responses/Problem400');
      if (!open) expect([op.responses['401']?.$ref, op.responses['403']?.$ref], name).toEqual(['#/components/responses/Problem401', '#/components/responses/Problem403']);
    }
    const open = operations()
      .filter(({ op }) => Array.isArray(op.security) && op.security.length === 0)
      .map(({ name }) => name)
      .sort();
    expect(open).toEqual([
      'GET /api/v1/public/figures',
      'GET /api/v1/public/figures.xlsx',
      'GET /health',
      'GET /ready',
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/logout',
      'POST /api/v1/auth/password-reset',
      'POST /api/v1/auth/password-reset/request',
    ]);
  });
  it('gives a generated TypeScript client (openapi-typescript) a type for every success answer', async () => {
    const client = astToString(await openapiTS(doc as never));
    const operationsAt = client.indexOf('export interface operations {');
    expect(operationsAt).toBeGreaterThan(0);
    // Each operation is a block at four spaces; each success answer a status at twelve, then its content.
    const blocks = client
      .slice(operationsAt)
      .split(/\n {4}(?=[\w$]+: \{\n)/)
      .slice(1);
    const untyped: string[] = [];
    let checked = 0;
    for (const block of blocks) {
      const id = block.slice(0, block.indexOf(':'));
      for (const m of block.matchAll(/\n {12}(2\d\d): \{[\s\S]*?\n {16}content(\??): ([^\n]*)\n([^\n]*)/g)) {
        const [, status, optional, opener, first] = m;
        checked++;
        if (status === '204') continue;
        if (optional || opener !== '{' || /: (unknown|never|Record<string, never>);$/.test(first ?? '')) untyped.push(`${id} ${status}: ${opener} ${first?.trim()}`);
      }
    }
    expect(blocks.length).toBe(operations().length);
    expect(checked).toBeGreaterThanOrEqual(operations().length);
    expect(untyped).toEqual([]);
  });
});
