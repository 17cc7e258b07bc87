import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FileBody, PublicFigures } from '@huiyin/contract';
import { listCheckpoints, publishedKey, type EngineDeps, type LedgerSigner } from '@huiyin/engine';
import { publicFigures, publicWorkbook } from '@huiyin/reports';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Half-month periods shown: a quarter. */
const PERIODS = 6;
/** Latest ledger checkpoints shown. */
const CHECKPOINTS = 5;

type Built = { figures: Awaited<ReturnType<typeof build>>; xlsx: Promise<Buffer> | null; at: number };

async function build(deps: EngineDeps, keys: LedgerSigner) {
  const figures = await publicFigures(deps.db, { now: deps.clock(), periods: PERIODS });
  const { items } = await listCheckpoints(deps.db, { limit: CHECKPOINTS });
  return { ...figures, checkpoints: items, publicKey: publishedKey(keys) };
}

const open = { tags: ['reports'], security: [] } as const;

/**
 * 政务公开 (docs/api.md#public-figures): figures anyone may read, without signing in. They are
 * built at most once per `cacheSeconds` in this process (concurrent callers share one build):
 * a build reads every period's facts, which a public page must not do per request.
 */
export const publicRoutes: FastifyPluginAsyncZod<{ deps: EngineDeps; keys: LedgerSigner; cacheSeconds: number }> = async (app, { deps, keys, cacheSeconds }) => {
  let cached: Built | null = null;
  let building: Promise<Built> | null = null;
  const current = async (): Promise<Built> => {
    if (cached && performance.now() - cached.at < cacheSeconds * 1000) return cached;
    // A failed build is not kept: the next caller tries again.
    building ??= build(deps, keys)
      .then((figures) => (cached = { figures, xlsx: null, at: performance.now() }))
      .finally(() => {
        building = null;
      });
    return building;
  };

  app.get(
    '/api/v1/public/figures',
    {
      schema: {
        ...open,
        operationId: 'getPublicFigures',
        summary: '政务公开: each unit’s 三率 and counts, each category’s counts, per half-month; the latest ledger checkpoints',
        description:
          'Anyone, without signing in; changes nothing. The last six half-month periods (the current one so far): per unit the 三率 as in the bulletin and scorecards, filed / closed / overdue counts and the median handling time of the issues it closed; per category the filed and closed counts and median handling time; the five latest signed ledger checkpoints with the key that verifies them. No issue, enterprise, person or text is in it. Built at most every PUBLIC_FIGURES_CACHE_SECONDS (default 300) per API process; `asOf` says when.',
        response: { 200: PublicFigures },
      },
      config: { public: true },
    },
    async () => (await current()).figures,
  );

  app.get(
    '/api/v1/public/figures.xlsx',
    {
      schema: {
        ...open,
        operationId: 'getPublicFiguresXlsx',
        summary: '政务公开 as XLSX',
        description: 'Anyone, without signing in; changes nothing. The same figures as `GET /api/v1/public/figures`, from the same cache: sheets 单位三率 and 按类别; named `public-figures.xlsx`.',
        response: { 200: { description: 'The public workbook', content: { [XLSX]: { schema: FileBody } } } },
      },
      config: { public: true },
    },
    async (_request, reply) => {
      const built = await current();
      built.xlsx ??= publicWorkbook(built.figures);
      const body = await built.xlsx;
      return reply.type(XLSX).header('content-disposition', 'attachment; filename="public-figures.xlsx"').send(body);
    },
  );
};
