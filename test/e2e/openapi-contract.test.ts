import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '@huiyin/calendar';
import { freshCreditCode, unique } from '../support/district.ts';
import { PDF, openDistrict, type E2eDistrict, type Who } from './e2e-district.ts';
import { uploadDistrict, workbookOf } from '../support/district-workbook.ts';

/**
 * The contract test: every operation of /openapi.json is called as a role that may, and its
 * status and body must be what the document declares; then as one that may not, and the refusal
 * must be one the document declares, as problem+json. The calls below only give the values; the
 * expectations all come from the document, and an operation without a call fails the suite.
 */

type Schema = Record<string, unknown>;
type Content = Record<string, { schema?: Schema }>;
type Response = { $ref?: string; content?: Content };
type Operation = { operationId: string; responses: Record<string, Response> };
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema>; responses: Record<string, Response> } };

/** What the calls share: the objects earlier calls made. */
type Ctx = Record<string, string>;
type Caller = Who | 'anonymous';
type Call = {
  /** `METHOD /path` as in the document. */
  op: string;
  as: Who;
  /** Someone the operation refuses; none for the operations open to all (health, logout). */
  refused?: Caller;
  /** A refusal other than by who calls (login: a wrong password). */
  refusal?: () => Promise<LightMyRequestResponse>;
  path?: (c: Ctx) => Record<string, string>;
  query?: (c: Ctx) => Record<string, string>;
  body?: (c: Ctx) => unknown;
  /** A multipart upload instead of a JSON body. */
  upload?: true;
  /** Another multipart upload than an attachment's: sent as `who`. */
  multipart?: (who: Caller) => Promise<LightMyRequestResponse>;
  before?: (c: Ctx) => Promise<void>;
  after?: (answer: Record<string, unknown>, c: Ctx) => void;
};

let t: E2eDistrict;
let doc: Doc;
const c: Ctx = {};
const ajv = new Ajv2020({ strict: false, allErrors: true });
// ajv-formats is CommonJS: its function is the default export's default.
type Plugin = (on: Ajv2020) => unknown;
const addFormats = ((addFormatsModule as unknown as { default?: Plugin }).default ?? addFormatsModule) as unknown as Plugin;
addFormats(ajv);

beforeAll(async () => {
  t = await openDistrict();
  doc = (await t.api.app.inject({ url: '/openapi.json' })).json() as Doc;
});
afterAll(() => t.close());

const today = () => shanghaiDate(new Date());
const addDays = (day: string, n: number) => shanghaiDate(new Date(Date.parse(`${day}T12:00:00+08:00`) + n * 86_400_000));
const month = () => today().slice(0, 7);
const halfMonth = () => `${month()}-${Number(today().slice(8, 10)) <= 15 ? 'H1' : 'H2'}`;

/** An issue walked to a state, by the district's usual steps. */
const issue = {
  filed: async () => (await t.file('entA')).id,
  listed: async (listing: object = {}) => {
    const id = (await t.file('entA')).id;
    await t.ok('dispatcher', id, 'list', listing);
    return id;
  },
  dispatched: async (listing: object = {}) => (await t.dispatched('entA', listing)).id,
  inProgress: async (listing: object = {}) => (await t.inProgress(listing)).id,
  /** Answered positively and approved by the unit head: the enterprise may rate it. */
  resolved: async () => {
    const id = (await t.inProgress()).id;
    await t.ok('handlerA', id, 'resolve', { body: '已完成线路接入', outcome: 'positive' });
    await t.ok('headA', id, 'review', { approve: true });
    return id;
  },
};

async function firstPendingDocument(issueId: string) {
  const detail = (await t.get('dispatcher', `/api/v1/issues/${issueId}`)).json() as { pendingDocuments: Array<{ id: string }>; milestones: Array<{ id: string }> };
  return detail;
}

const ISSUE = (c: Ctx) => ({ id: c['issue'] ?? '' });
const PROJECT = (c: Ctx) => ({ id: c['project'] ?? '' });

function projectBody() {
  return {
    name: `契约测试产业园-${unique()}`,
    type: 'industrial',
    enterpriseId: t.d.entA.id,
    totalInvestment: 120_000,
    planYear: Number(today().slice(0, 4)),
    plannedInvestmentYear: 30_000,
    leaderId: t.d.leaderB,
    unitId: t.d.unitB,
    teamOfficialIds: [t.d.people.handlerC.id],
    startDate: addDays(today(), -60),
    plannedCompletion: addDays(today(), 400),
  };
}
async function newProject(milestones: Array<{ name: string; dueOn: string }> = [], start = false) {
  const res = await t.api.call(t.as('dispatcher'), 'POST', '/api/v1/projects', projectBody());
  expect(res.statusCode, res.body).toBe(201);
  const id = (res.json() as { id: string }).id;
  if (milestones.length) expect((await t.api.call(t.as('dispatcher'), 'POST', `/api/v1/projects/${id}/milestones`, { milestones })).statusCode).toBe(201);
  if (start) expect((await t.api.call(t.as('headB'), 'POST', `/api/v1/projects/${id}/start`, {})).statusCode).toBe(200);
  return id;
}
const projectMilestones = async (id: string) => ((await t.get('headB', `/api/v1/projects/${id}`)).json() as { milestones: Array<{ id: string }> }).milestones.map((m) => m.id);

/** Each step of an issue: what it needs first, who may, and one who may not. */
const ACTIONS: Array<[string, Who, Caller, () => Promise<string>, (c: Ctx) => unknown]> = [
  ['list', 'dispatcher', 'handlerA', issue.filed, () => ({})],
  ['dispatch', 'dispatcher', 'handlerA', () => issue.listed(), () => ({})],
  ['mark-duplicate', 'dispatcher', 'entA', issue.filed, (c) => ({ duplicateOf: c['original'] })],
  ['claim', 'handlerA', 'handlerB', () => issue.dispatched(), () => ({})],
  ['return', 'handlerA', 'entA', () => issue.dispatched(), () => ({ reason: '不属于本单位职责' })],
  [
    'rule-return',
    'dispatcher',
    'handlerA',
    async () => {
      const id = await issue.dispatched();
      await t.ok('handlerA', id, 'return', { reason: '不属于本单位职责' });
      return id;
    },
    () => ({ upheld: false, note: '仍由甲局主办' }),
  ],
  [
    'first-contact',
    'handlerA',
    'entA',
    async () => {
      const id = await issue.dispatched();
      await t.ok('handlerA', id, 'claim');
      return id;
    },
    () => ({ channel: 'phone', note: '已电话联系' }),
  ],
  [
    'milestone-report',
    'handlerA',
    'entA',
    () => issue.inProgress({ milestones: [{ title: '完成勘察', dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString() }] }),
    (c) => ({ milestoneId: c['milestone'], note: '勘察完成' }),
  ],
  ['interim-reply', 'handlerA', 'entB', () => issue.inProgress(), () => ({ body: '正在协调供电公司' })],
  ['request-info', 'handlerA', 'entA', () => issue.inProgress(), () => ({ body: '请补充用电容量' })],
  [
    'supply-info',
    'entA',
    'handlerA',
    async () => {
      const id = await issue.inProgress();
      await t.ok('handlerA', id, 'request-info', { body: '请补充用电容量' });
      return id;
    },
    () => ({ body: '用电容量 2000kVA' }),
  ],
  ['add-information', 'entA', 'entB', () => issue.inProgress(), () => ({ body: '补充现场照片说明' })],
  [
    'resume',
    'handlerA',
    'entA',
    async () => {
      const id = await issue.inProgress();
      await t.ok('handlerA', id, 'request-info', { body: '请补充用电容量' });
      return id;
    },
    () => ({ note: '已电话获知，继续办理' }),
  ],
  ['supply-document', 'entA', 'entB', () => issue.inProgress({ pendingDocuments: [{ name: '营业执照副本' }] }), (c) => ({ pendingDocumentId: c['pendingDocument'], attachmentId: c['attachment'] })],
  ['extension', 'handlerA', 'entA', () => issue.inProgress(), () => ({ amount: { amount: 60, unit: 'seconds' }, reason: '供电方案待批复' })],
  [
    'extension/approve',
    'leaderA',
    'handlerA',
    async () => {
      const id = await issue.inProgress();
      await t.ok('handlerA', id, 'extension', { amount: { amount: 60, unit: 'seconds' }, reason: '供电方案待批复' });
      return id;
    },
    () => ({ note: '同意' }),
  ],
  [
    'extension/deny',
    'leaderA',
    'leaderB',
    async () => {
      const id = await issue.inProgress();
      await t.ok('handlerA', id, 'extension', { amount: { amount: 60, unit: 'seconds' }, reason: '供电方案待批复' });
      return id;
    },
    () => ({ note: '请按期办结' }),
  ],
  ['assist-answer', 'handlerC', 'handlerB', () => issue.inProgress({ assistingUnitIds: [t.d.unitC] }), () => ({ body: '丙局同意管线迁改' })],
  ['resolve', 'handlerA', 'entA', () => issue.inProgress(), () => ({ body: '已完成线路接入', outcome: 'positive' })],
  [
    'review',
    'headA',
    'handlerA',
    async () => {
      const id = await issue.inProgress();
      await t.ok('handlerA', id, 'resolve', { body: '已完成线路接入', outcome: 'positive' });
      return id;
    },
    () => ({ approve: true }),
  ],
  [
    'sign-off',
    'leaderA',
    'leaderB',
    async () => {
      const id = await issue.inProgress();
      await t.ok('handlerA', id, 'resolve', { body: '该地块暂不具备条件', outcome: 'negative', wayForward: '可使用二期预留用地' });
      await t.ok('headA', id, 'review', { approve: true });
      return id;
    },
    () => ({ approve: true }),
  ],
  ['rate', 'entA', 'handlerA', issue.resolved, () => ({ resolved: 'yes', satisfaction: 'satisfied' })],
  ['withdraw', 'entA', 'entB', issue.filed, () => ({ reason: '已自行解决' })],
  ['strike-off', 'supervisor', 'handlerA', issue.resolved, () => ({ reason: '企业已确认解决' })],
];

const CALLS: Call[] = [
  { op: 'GET /health', as: 'entA' },
  { op: 'GET /ready', as: 'entA' },
  {
    op: 'POST /api/v1/auth/login',
    as: 'entA',
    refusal: () => t.api.call(null, 'POST', '/api/v1/auth/login', { login: t.d.people.handlerC.login, password: 'not the password' }),
    body: () => ({ login: t.d.people.handlerA.login, password: 'correct horse battery' }),
  },
  { op: 'GET /api/v1/me', as: 'entA', refused: 'anonymous' },
  { op: 'GET /api/v1/categories', as: 'entA', refused: 'anonymous' },
  { op: 'GET /api/v1/units', as: 'handlerA', refused: 'entA' },
  { op: 'GET /api/v1/leaders', as: 'handlerA', refused: 'entA' },
  { op: 'PATCH /api/v1/categories/{id}', as: 'admin', refused: 'dispatcher', path: () => ({ id: t.d.categoryId }), body: () => ({ greenChannel: false }) },
  {
    op: 'POST /api/v1/enterprises',
    as: 'admin',
    refused: 'dispatcher',
    body: () => ({
      name: `契约测试企业-${unique()}`,
      creditCode: freshCreditCode(),
      industry: '制造',
      address: '霁川区',
      contacts: [{ name: '王五', role: '经理', phone: '13800000009', email: 'w@ent.test' }],
    }),
    after: (a, c) => {
      c['enterprise'] = String(a['id']);
    },
  },
  { op: 'GET /api/v1/enterprises', as: 'handlerA', refused: 'entA' },
  { op: 'GET /api/v1/enterprises/{id}', as: 'handlerA', refused: 'entB', path: () => ({ id: t.d.entA.id }) },
  {
    op: 'POST /api/v1/enterprises/{id}/accounts',
    as: 'admin',
    refused: 'handlerA',
    path: (c) => ({ id: c['enterprise'] ?? '' }),
    body: () => ({ login: `contract-${unique()}`.slice(0, 60), password: 'a long enough password' }),
    after: (a, c) => {
      c['enterpriseAccount'] = String(a['id']);
    },
  },
  {
    op: 'POST /api/v1/enterprises/{id}/api-keys',
    as: 'entA',
    refused: 'entB',
    path: () => ({ id: t.d.entA.id }),
    body: () => ({ name: '契约测试 ERP' }),
    after: (a, c) => {
      c['apiKey'] = String(a['id']);
    },
  },
  { op: 'GET /api/v1/enterprises/{id}/api-keys', as: 'entA', refused: 'handlerA', path: () => ({ id: t.d.entA.id }) },
  { op: 'DELETE /api/v1/enterprises/{id}/api-keys/{keyId}', as: 'admin', refused: 'entB', path: (c) => ({ id: t.d.entA.id, keyId: c['apiKey'] ?? '' }) },
  {
    op: 'POST /api/v1/admin/notice-webhooks',
    as: 'admin',
    refused: 'supervisor',
    body: () => ({ ownerKind: 'unit', ownerId: t.d.unitC, vendor: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=contract-test-key' }),
    after: (a, c) => {
      c['noticeWebhook'] = String(a['id']);
    },
  },
  { op: 'GET /api/v1/admin/notice-channels', as: 'admin', refused: 'handlerA' },
  { op: 'DELETE /api/v1/admin/notice-webhooks/{id}', as: 'admin', refused: 'supervisor', path: (c) => ({ id: c['noticeWebhook'] ?? '' }) },
  { op: 'PATCH /api/v1/officials/{id}/notice-channels', as: 'handlerC', refused: 'handlerA', path: () => ({ id: t.d.people.handlerC.id }), body: () => ({ channels: ['mail'] }) },
  {
    op: 'POST /api/v1/attachments',
    as: 'entA',
    refused: 'anonymous',
    upload: true,
    after: (a, c) => {
      c['attachment'] = String(a['id']);
    },
  },
  { op: 'GET /api/v1/attachments/{id}', as: 'entA', refused: 'entB', path: (c) => ({ id: c['attachment'] ?? '' }) },
  {
    op: 'POST /api/v1/issues',
    as: 'entA',
    refused: 'anonymous',
    body: (c) => ({ categoryId: t.d.categoryId, title: '厂区道路未通电', description: '二期厂房道路照明和动力电未接通。', attachmentIds: [c['attachment']] }),
    after: (a, c) => {
      c['issue'] = String(a['id']);
    },
  },
  { op: 'GET /api/v1/issues', as: 'entA', refused: 'anonymous' },
  { op: 'GET /api/v1/issues.xlsx', as: 'handlerA', refused: 'anonymous', query: () => ({ open: 'true', sort: 'number', order: 'asc' }) },
  { op: 'GET /api/v1/issues/{id}', as: 'entA', refused: 'entB', path: ISSUE },
  { op: 'GET /api/v1/issues/{id}/timeline', as: 'dispatcher', refused: 'entB', path: ISSUE },
  { op: 'GET /api/v1/issues/{id}/clocks/{kind}/explain', as: 'entA', refused: 'entB', path: (c) => ({ ...ISSUE(c), kind: 'listing' }) },
  { op: 'GET /api/v1/issues/{id}/similar', as: 'dispatcher', refused: 'entB', path: ISSUE },
  {
    op: 'POST /api/v1/issues/{id}/related',
    as: 'dispatcher',
    refused: 'entA',
    path: ISSUE,
    body: (c) => ({ issueId: c['relatedIssue'] }),
    before: async (c) => {
      c['relatedIssue'] = (await t.file('entB', { title: '厂区频繁停电影响生产' })).id;
    },
  },
  { op: 'GET /api/v1/issues/{id}/related', as: 'dispatcher', refused: 'entB', path: ISSUE },
  { op: 'DELETE /api/v1/issues/{id}/related/{relatedId}', as: 'dispatcher', refused: 'entA', path: (c) => ({ ...ISSUE(c), relatedId: c['relatedIssue'] ?? '' }) },
  { op: 'GET /api/v1/search/issues', as: 'entA', refused: 'anonymous', query: () => ({ q: '道路 通电' }) },
  ...ACTIONS.map(
    ([action, as, refused, prepare, body]): Call => ({
      op: `POST /api/v1/issues/{id}/${action}`,
      as,
      refused,
      path: (c) => ({ id: c[`action:${action}`] ?? '' }),
      body,
      before: async (c) => {
        const id = await prepare();
        c[`action:${action}`] = id;
        const detail = await firstPendingDocument(id);
        if (action === 'mark-duplicate') c['original'] = await issue.filed();
        if (detail.milestones[0]) c['milestone'] = detail.milestones[0].id;
        if (detail.pendingDocuments[0]) {
          c['pendingDocument'] = detail.pendingDocuments[0].id;
          const up = await t.upload('entA', '营业执照副本.pdf', PDF);
          c['attachment'] = (up.json() as { id: string }).id;
        }
      },
    }),
  ),
  { op: 'GET /api/v1/inbox', as: 'handlerA', refused: 'entA' },
  { op: 'GET /api/v1/inbox.xlsx', as: 'handlerA', refused: 'entA' },
  { op: 'GET /api/v1/listing-queue', as: 'dispatcher', refused: 'handlerA' },
  { op: 'GET /api/v1/supervision/overdue', as: 'supervisor', refused: 'entA' },
  { op: 'GET /api/v1/supervision/overdue.xlsx', as: 'supervisor', refused: 'entA' },
  { op: 'GET /api/v1/leaders/{id}/enterprises', as: 'leaderA', refused: 'entA', path: () => ({ id: 'me' }) },
  {
    op: 'POST /api/v1/issues/{id}/supervision-orders',
    as: 'supervisor',
    refused: 'handlerA',
    path: (c) => ({ id: c['ordered'] ?? '' }),
    body: () => ({ requiredReply: '书面说明办理进展', dueIn: { amount: 1, unit: 'workingDays' } }),
    before: async (c) => {
      // Overdue: handling limited to a second, and that second past.
      c['ordered'] = await issue.inProgress({ timeLimit: { amount: 1, unit: 'seconds' } });
      await new Promise((r) => setTimeout(r, 1500));
    },
    after: (a, c) => {
      c['order'] = String(a['id']);
    },
  },
  { op: 'GET /api/v1/supervision/orders', as: 'supervisor', refused: 'entA' },
  {
    op: 'POST /api/v1/issues/batch/claim',
    as: 'handlerA',
    refused: 'dispatcher',
    body: (c) => ({ ids: [c['batchClaim'], t.d.newId()] }),
    before: async (c) => {
      c['batchClaim'] = await issue.dispatched();
    },
  },
  {
    op: 'POST /api/v1/issues/batch/dispatch',
    as: 'dispatcher',
    refused: 'handlerA',
    body: (c) => ({ ids: [c['batchDispatch']] }),
    before: async (c) => void (c['batchDispatch'] = await issue.filed()),
  },
  {
    op: 'POST /api/v1/issues/batch/supervision-orders',
    as: 'supervisor',
    refused: 'headA',
    body: (c) => ({ ids: [c['ordered'], c['batchClaim']], requiredReply: '书面说明超期原因', dueIn: { amount: 1, unit: 'workingDays' } }),
  },
  {
    op: 'POST /api/v1/problem-clusters/governance-tasks',
    as: 'supervisor',
    refused: 'handlerA',
    body: (c) => ({ issueIds: [c['batchClaim'], c['relatedIssue']], unitId: t.d.unitA, title: '厂区道路未通电', note: '统一推进厂区道路通电' }),
  },
  {
    op: 'POST /api/v1/issues/{id}/reminders',
    as: 'entA',
    refused: 'handlerA',
    path: (c) => ({ id: c['pressed'] ?? '' }),
    body: () => ({}),
    before: async (c) => {
      // Overdue: handling limited to a second, and that second past.
      c['pressed'] = await issue.inProgress({ timeLimit: { amount: 1, unit: 'seconds' } });
      await new Promise((r) => setTimeout(r, 1500));
    },
  },
  { op: 'POST /api/v1/supervision/orders/{id}/reply', as: 'headA', refused: 'headB', path: (c) => ({ id: c['order'] ?? '' }), body: () => ({ reply: '已完成整改并书面说明' }) },
  {
    op: 'GET /api/v1/notifications',
    as: 'handlerA',
    refused: 'anonymous',
    after: (a, c) => {
      const items = a['items'] as Array<{ id: string }>;
      c['notification'] = items[0]?.id ?? '';
    },
  },
  { op: 'GET /api/v1/notifications/unread-count', as: 'handlerA', refused: 'anonymous' },
  { op: 'GET /api/v1/ledger/checkpoints', as: 'entA', refused: 'anonymous' },
  { op: 'GET /api/v1/ledger/public-key', as: 'entA', refused: 'anonymous' },
  { op: 'GET /api/v1/public/figures', as: 'entA' },
  { op: 'GET /api/v1/public/figures.xlsx', as: 'handlerA' },
  { op: 'POST /api/v1/notifications/{id}/read', as: 'handlerA', refused: 'handlerB', path: (c) => ({ id: c['notification'] ?? '' }) },
  { op: 'POST /api/v1/notifications/read-all', as: 'handlerA', refused: 'anonymous' },
  { op: 'GET /api/v1/calendar/due', as: 'entA', refused: 'anonymous', query: () => ({ from: '2026-09-30T10:00:00+08:00', workingDays: '3' }) },
  { op: 'GET /api/v1/calendar/days', as: 'entA', refused: 'anonymous', query: () => ({ from: '2026-10-01', to: '2026-10-10' }) },
  { op: 'POST /api/v1/calendar/days', as: 'admin', refused: 'supervisor', body: () => ({ source: '契约测试', days: [{ date: '2098-03-02', kind: 'holiday', name: '契约测试假日' }] }) },
  { op: 'DELETE /api/v1/calendar/days/{date}', as: 'admin', refused: 'supervisor', path: () => ({ date: '2098-03-02' }) },
  { op: 'GET /api/v1/audit/policy-changes', as: 'admin', refused: 'supervisor' },
  { op: 'GET /api/v1/calendar/status', as: 'handlerA', refused: 'anonymous' },
  {
    op: 'POST /api/v1/bulletins',
    as: 'supervisor',
    refused: 'headA',
    body: () => ({ period: halfMonth(), revision: true }),
    after: (a, c) => {
      c['bulletin'] = String(a['id']);
    },
  },
  { op: 'GET /api/v1/bulletins', as: 'headA', refused: 'entA' },
  { op: 'GET /api/v1/bulletins/{id}', as: 'headA', refused: 'entA', path: (c) => ({ id: c['bulletin'] ?? '' }) },
  { op: 'GET /api/v1/bulletins/{id}.xlsx', as: 'supervisor', refused: 'entA', path: (c) => ({ id: c['bulletin'] ?? '' }) },
  { op: 'GET /api/v1/reports/open-list', as: 'leaderA', refused: 'anonymous' },
  { op: 'GET /api/v1/reports/open-list.xlsx', as: 'supervisor', refused: 'anonymous' },
  { op: 'GET /api/v1/reports/open-list/print', as: 'leaderA', refused: 'entA', query: () => ({ groupBy: 'leader' }) },
  { op: 'GET /api/v1/bulletins/{id}/print', as: 'headA', refused: 'entA', path: (c) => ({ id: c['bulletin'] ?? '' }) },
  { op: 'GET /api/v1/reports/scorecards', as: 'headA', refused: 'entA' },
  { op: 'GET /api/v1/reports/scorecards.xlsx', as: 'supervisor', refused: 'entA', query: () => ({ by: 'leader' }) },
  { op: 'GET /api/v1/reports/monthly-pack', as: 'supervisor', refused: 'anonymous', query: () => ({ month: month() }) },
  { op: 'GET /api/v1/reports/monthly-pack.xlsx', as: 'supervisor', refused: 'anonymous', query: () => ({ month: month() }) },
  { op: 'GET /api/v1/reports/monthly-pack/print', as: 'supervisor', refused: 'entA', query: () => ({ month: month() }) },
  { op: 'GET /api/v1/reports/hot-spots', as: 'supervisor', refused: 'anonymous' },
  {
    op: 'POST /api/v1/appeals',
    as: 'headA',
    refused: 'handlerA',
    body: (c) => ({ issueId: c['appealed'], reason: 'malicious', text: '企业同一诉求反复提交' }),
    before: async (c) => {
      c['appealed'] = await issue.inProgress();
    },
    after: (a, c) => {
      c['appeal'] = String(a['id']);
    },
  },
  { op: 'GET /api/v1/appeals', as: 'supervisor', refused: 'entA' },
  { op: 'POST /api/v1/appeals/{id}/decision', as: 'supervisor', refused: 'headA', path: (c) => ({ id: c['appeal'] ?? '' }), body: () => ({ accept: false, note: '不予支持' }) },
  { op: 'GET /api/v1/projects/types', as: 'handlerA', refused: 'anonymous' },
  {
    op: 'POST /api/v1/projects',
    as: 'dispatcher',
    refused: 'headA',
    body: projectBody,
    after: (a, c) => {
      c['project'] = String(a['id']);
    },
  },
  { op: 'GET /api/v1/projects', as: 'leaderB', refused: 'anonymous' },
  { op: 'GET /api/v1/projects/export.xlsx', as: 'leaderB', refused: 'entA' },
  { op: 'GET /api/v1/projects/summary', as: 'supervisor', refused: 'anonymous' },
  { op: 'GET /api/v1/projects/lagging', as: 'leaderB', refused: 'anonymous' },
  { op: 'GET /api/v1/projects/reports/schedule', as: 'headB', refused: 'anonymous', query: () => ({ from: addDays(today(), -20), to: today() }) },
  { op: 'GET /api/v1/projects/reports/missing', as: 'headB', refused: 'anonymous' },
  { op: 'GET /api/v1/projects/{id}', as: 'leaderB', refused: 'entB', path: PROJECT },
  { op: 'PATCH /api/v1/projects/{id}', as: 'dispatcher', refused: 'handlerA', path: PROJECT, body: () => ({ totalInvestment: 150_000 }) },
  { op: 'GET /api/v1/projects/{id}/timeline', as: 'leaderB', refused: 'entB', path: PROJECT },
  { op: 'POST /api/v1/projects/{id}/milestones', as: 'leaderB', refused: 'handlerA', path: PROJECT, body: () => ({ milestones: [{ name: '主体开工', dueOn: addDays(today(), 30) }] }) },
  { op: 'POST /api/v1/projects/{id}/start', as: 'headB', refused: 'headA', path: PROJECT, body: () => ({}) },
  { op: 'POST /api/v1/projects/{id}/suspend', as: 'leaderB', refused: 'handlerB', path: PROJECT, body: () => ({ reason: '资金未到位' }) },
  { op: 'POST /api/v1/projects/{id}/resume', as: 'leaderB', refused: 'handlerB', path: PROJECT, body: () => ({}) },
  {
    op: 'POST /api/v1/projects/{id}/milestones/{milestoneId}/replan',
    as: 'leaderB',
    refused: 'handlerB',
    path: (c) => ({ id: c['project'] ?? '', milestoneId: c['projectMilestone'] ?? '' }),
    body: () => ({ dueOn: addDays(today(), 45), reason: '供电方案调整' }),
    before: async (c) => {
      c['projectMilestone'] = (await projectMilestones(c['project'] ?? ''))[0] ?? '';
    },
  },
  {
    op: 'POST /api/v1/projects/{id}/reports',
    as: 'handlerB',
    refused: 'handlerA',
    path: (c) => ({ id: c['completing'] ?? '' }),
    body: (c) => ({ investmentCompleted: 120_000, narrative: '已竣工', milestones: [{ milestoneId: c['completingMilestone'], percent: 100 }] }),
    before: async (c) => {
      c['completing'] = await newProject([{ name: '竣工验收', dueOn: addDays(today(), 5) }], true);
      c['completingMilestone'] = (await projectMilestones(c['completing'] ?? ''))[0] ?? '';
    },
  },
  { op: 'POST /api/v1/projects/{id}/complete', as: 'headB', refused: 'headA', path: (c) => ({ id: c['completing'] ?? '' }), body: () => ({}) },
  {
    op: 'POST /api/v1/projects/{id}/problems',
    as: 'handlerB',
    refused: 'entB',
    path: PROJECT,
    body: () => ({ title: '施工用电增容未落实', description: '供电方案尚未批复。', categoryId: t.d.categoryId }),
  },
  { op: 'POST /api/v1/auth/logout', as: 'entB' },
  {
    op: 'POST /api/v1/auth/password',
    as: 'handlerC',
    refused: 'anonymous',
    refusal: () => t.api.call(t.as('handlerC'), 'POST', '/api/v1/auth/password', { currentPassword: 'not the password', newPassword: 'quiet meadow falcon 38' }),
    body: () => ({ currentPassword: 'correct horse battery', newPassword: 'quiet meadow falcon 38' }),
    // Changing it ended handler C's sessions: the answer's session is the one to go on with.
    after: (a) => t.useToken('handlerC', String(a['token'])),
  },
  { op: 'POST /api/v1/accounts/{id}/password', as: 'admin', refused: 'handlerA', path: (c) => ({ id: c['enterpriseAccount'] ?? '' }), body: () => ({ password: 'maple signal orbit 90' }) },
  { op: 'POST /api/v1/categories/{id}/preview', as: 'admin', refused: 'dispatcher', path: () => ({ id: t.d.categoryId }), body: () => ({ handlingLimit: { amount: 130, unit: 'seconds' } }) },
  { op: 'GET /api/v1/district-import/template', as: 'admin', refused: 'dispatcher' },
  {
    op: 'POST /api/v1/district-import',
    as: 'admin',
    refused: 'dispatcher',
    multipart: async (who) =>
      uploadDistrict(
        t.api.app,
        who === 'anonymous' ? '' : t.as(who),
        await workbookOf({
          单位: [
            ['单位名称', '简称'],
            [`契约测试局-${unique()}`, '契约局'],
          ],
        }),
        'district.xlsx',
        '?dryRun=true',
      ),
  },
  { op: 'GET /api/v1/officials', as: 'handlerA', refused: 'entA', query: () => ({ limit: '5' }) },
  {
    op: 'POST /api/v1/officials',
    as: 'admin',
    refused: 'dispatcher',
    body: () => ({ login: `contract-o-${unique()}`.slice(0, 60), name: '契约干部', email: 'contract@gov.test', roles: ['handler'], unitId: t.d.unitB, password: 'harbour lantern sixty 4' }),
    after: (a, c) => {
      c['official'] = String(a['id']);
    },
  },
  { op: 'GET /api/v1/officials/{id}', as: 'admin', refused: 'handlerA', path: (c) => ({ id: c['official'] ?? '' }) },
  { op: 'PATCH /api/v1/officials/{id}', as: 'admin', refused: 'supervisor', path: (c) => ({ id: c['official'] ?? '' }), body: () => ({ roles: ['handler', 'unit_head'] }) },
  { op: 'POST /api/v1/auth/password-reset/request', as: 'entA', body: () => ({ login: t.d.people.handlerC.login }) },
  {
    op: 'POST /api/v1/auth/password-reset',
    as: 'entA',
    refusal: () => t.api.call(null, 'POST', '/api/v1/auth/password-reset', { token: 'x'.repeat(43), newPassword: 'velvet thunder canyon 8' }),
    before: async (c) => {
      const since = new Date();
      await t.api.call(null, 'POST', '/api/v1/auth/password-reset/request', { login: t.d.people.handlerB.login });
      const mail = await t.api.db
        .selectFrom('outbox')
        .select('payload')
        .where('dedupe_key', 'like', 'password-reset-%')
        .where('created_at', '>=', since)
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      c['resetToken'] = new URLSearchParams(new URL(String((mail.payload as { link: string }).link), 'http://x').hash.slice(1)).get('token') ?? '';
    },
    body: (c) => ({ token: c['resetToken'], newPassword: 'velvet thunder canyon 8' }),
  },
];

/** Sends one call as `who`. */
function send(call: Call, who: Caller): Promise<LightMyRequestResponse> {
  const [method, template] = call.op.split(' ') as [string, string];
  const params = call.path?.(c) ?? {};
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  const query = call.query ? `?${new URLSearchParams(call.query(c))}` : '';
  if (call.multipart) return call.multipart(who);
  if (call.upload) {
    if (who === 'anonymous') return t.api.app.inject({ method: 'POST', url: path, payload: 'x', headers: { 'content-type': 'multipart/form-data; boundary=x' } });
    return t.upload(who, '营业执照.pdf', PDF);
  }
  const body = call.body?.(c);
  const token = who === 'anonymous' ? null : t.as(who);
  return t.api.call(token, method as 'GET', `${path}${query}`, body ?? (method === 'GET' || method === 'DELETE' ? undefined : {}));
}

/** The schema of a response, resolved through the document's components, for Ajv. */
function validatorFor(schema: Schema) {
  return ajv.compile({ ...schema, components: doc.components });
}
const resolve = (r: Response): Response => (r.$ref ? (doc.components.responses[r.$ref.split('/').pop() ?? ''] ?? {}) : r);

function expectDeclared(op: Operation, res: LightMyRequestResponse, kind: 'success' | 'refusal') {
  const declared = Object.keys(op.responses);
  const status = String(res.statusCode);
  expect(declared, `${status} is not declared: ${res.body.slice(0, 400)}`).toContain(status);
  expect(status.startsWith('2'), `${kind} answered ${status}: ${res.body.slice(0, 400)}`).toBe(kind === 'success');
  const response = resolve(op.responses[status] ?? {});
  const content = response.content ?? {};
  if (Object.keys(content).length === 0) {
    expect(res.body, 'declared without a body').toBe('');
    return;
  }
  const type = String(res.headers['content-type'] ?? '').split(';')[0] ?? '';
  expect(Object.keys(content), `content type ${type}`).toContain(type);
  const schema = content[type]?.schema;
  if (!schema || !type.includes('json')) return;
  const validate = validatorFor(schema);
  const ok = validate(res.json());
  expect(ok ? [] : validate.errors?.map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`), `${op.operationId} ${status} body`).toEqual([]);
}

describe('the API as its document says', () => {
  it('has a call here for every operation of the document, and none for an operation it lacks', () => {
    const documented = Object.entries(doc.paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(CALLS.map((call) => call.op).sort()).toEqual(documented);
  });

  for (const call of CALLS) {
    it(call.op, async () => {
      const [method, path] = call.op.split(' ') as [string, string];
      const op = doc.paths[path]?.[method.toLowerCase()];
      expect(op, 'not in the document').toBeDefined();
      if (!op) return;
      await call.before?.(c);
      if (call.refusal) expectDeclared(op, await call.refusal(), 'refusal');
      if (call.refused) expectDeclared(op, await send(call, call.refused), 'refusal');
      const res = await send(call, call.as);
      expectDeclared(op, res, 'success');
      call.after?.(res.json() as Record<string, unknown>, c);
    });
  }
});
