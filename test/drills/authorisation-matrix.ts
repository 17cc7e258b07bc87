import { failures, type Drill } from './support/drill.ts';
import { openRig, request, type Answer, type Rig } from './support/rig.ts';

/** Everyone the matrix asks about; `anonymous` carries no credentials. */
type Who = 'entA' | 'entB' | 'handlerA' | 'headA' | 'leaderA' | 'handlerB' | 'headB' | 'handlerC' | 'leaderB' | 'dispatcher' | 'supervisor' | 'admin' | 'anonymous';
const EVERYONE: Who[] = ['entA', 'entB', 'handlerA', 'headA', 'leaderA', 'handlerB', 'headB', 'handlerC', 'leaderB', 'dispatcher', 'supervisor', 'admin', 'anonymous'];

/** The objects of the matrix, all belonging to enterprise A, unit A and leader A. */
type Objects = { issue: string; attachment: string; enterprise: string; category: string; order: string; notification: string; notificationOwner: Who };

/**
 * One row: what `who` gets for `method path` on someone's object. `allow` are those who may
 * (checked to succeed on reads, skipped on writes so the object keeps its state); everyone else
 * is refused with one of `refuse` — and a refused write changes nothing.
 */
type Row = { method: 'GET' | 'POST' | 'PATCH'; path: string; body?: unknown; allow: Who[]; refuse: number[]; note?: string };

const ISSUE_READERS: Who[] = ['entA', 'handlerA', 'headA', 'leaderA', 'dispatcher', 'supervisor', 'admin'];
const OFFICIALS: Who[] = ['handlerA', 'headA', 'leaderA', 'handlerB', 'headB', 'handlerC', 'leaderB', 'dispatcher', 'supervisor', 'admin'];
const UNIT_A: Who[] = ['handlerA', 'headA'];
/** Refusals: 401 unsigned, 403 not yours, 404 not visible to you, 409 refused by state before role (still nothing written). */
const REFUSED = [401, 403, 404, 409];

/** Who may send each action to an issue in progress with unit A (permissions.ts's rules, written out). */
const ISSUE_ACTIONS: Array<[string, unknown, Who[]]> = [
  ['list', {}, ['dispatcher']],
  ['dispatch', {}, ['dispatcher']],
  ['mark-duplicate', { duplicateOf: '00000000-0000-4000-8000-000000000000' }, ['dispatcher']],
  ['claim', {}, UNIT_A],
  ['return', { reason: '不属于本单位' }, UNIT_A],
  ['rule-return', { upheld: true, note: '同意' }, ['dispatcher', 'leaderA']],
  ['first-contact', { channel: 'phone', note: '已联系' }, UNIT_A],
  ['milestone-report', { milestoneId: '00000000-0000-4000-8000-000000000000', note: '完成' }, UNIT_A],
  ['interim-reply', { body: '正在办理' }, UNIT_A],
  ['request-info', { body: '请补充材料' }, UNIT_A],
  ['supply-info', { body: '补充说明' }, ['entA']],
  ['add-information', { body: '补充情况' }, ['entA']],
  ['resume', { note: '继续办理' }, UNIT_A],
  ['supply-document', { pendingDocumentId: '00000000-0000-4000-8000-000000000000', attachmentId: '00000000-0000-4000-8000-000000000000' }, ['entA', ...UNIT_A]],
  ['extension', { amount: { amount: 2, unit: 'workingDays' }, reason: '需协调' }, UNIT_A],
  ['extension/approve', {}, ['leaderA']],
  ['extension/deny', {}, ['leaderA']],
  ['assist-answer', { body: '协办意见' }, []],
  ['resolve', { body: '已解决', outcome: 'positive' }, UNIT_A],
  ['review', { approve: true }, ['headA']],
  ['sign-off', { approve: true }, ['leaderA']],
  ['rate', { resolved: 'yes', satisfaction: 'satisfied' }, ['entA']],
  ['withdraw', { reason: '不需要了' }, ['entA']],
  ['strike-off', { reason: '恶意诉求' }, ['dispatcher', 'supervisor']],
];

/** The matrix, as data. `{issue}` and the like are replaced with the objects' ids. */
const MATRIX: Row[] = [
  { method: 'GET', path: '/api/v1/issues/{issue}', allow: ISSUE_READERS, refuse: [401, 403, 404] },
  { method: 'GET', path: '/api/v1/issues/{issue}/timeline', allow: ISSUE_READERS, refuse: [401, 403, 404] },
  { method: 'GET', path: '/api/v1/attachments/{attachment}', allow: ISSUE_READERS, refuse: [401, 403, 404] },
  ...ISSUE_ACTIONS.map(([action, body, allow]): Row => ({ method: 'POST', path: `/api/v1/issues/{issue}/${action}`, body, allow, refuse: REFUSED })),
  { method: 'GET', path: '/api/v1/enterprises/{enterprise}', allow: ['entA', ...OFFICIALS], refuse: [401, 403, 404], note: 'officials read enterprise records; another enterprise does not' },
  { method: 'GET', path: '/api/v1/enterprises', allow: OFFICIALS, refuse: [401, 403] },
  {
    method: 'POST',
    path: '/api/v1/enterprises',
    body: { name: '冒名企业', creditCode: '91410311MA44A1B2CG', industry: '制造', address: '霁川区', contacts: [{ name: '冒名', role: '经理', phone: '13800000001', email: 'x@ent.test' }] },
    allow: ['admin'],
    refuse: [401, 403],
  },
  { method: 'POST', path: '/api/v1/enterprises/{enterprise}/accounts', body: { login: 'intruder-acct', password: 'intruder-password-1' }, allow: ['admin'], refuse: [401, 403, 404] },
  { method: 'PATCH', path: '/api/v1/categories/{category}', body: { greenChannel: true }, allow: ['admin'], refuse: [401, 403] },
  { method: 'POST', path: '/api/v1/calendar/days', body: { source: '演练', days: [{ date: '2031-01-02', kind: 'holiday', name: '演练假日' }] }, allow: ['admin'], refuse: [401, 403] },
  { method: 'GET', path: '/api/v1/admin/notice-channels', allow: ['admin'], refuse: [401, 403] },
  { method: 'GET', path: '/api/v1/listing-queue', allow: ['dispatcher', 'supervisor', 'admin'], refuse: [401, 403] },
  // Batches: the role decides who may send one; each issue is then refused or done as its own action would be.
  { method: 'POST', path: '/api/v1/issues/batch/claim', body: { ids: ['00000000-0000-4000-8000-000000000000'] }, allow: ['handlerA', 'headA', 'handlerB', 'headB', 'handlerC'], refuse: [401, 403] },
  { method: 'POST', path: '/api/v1/issues/batch/dispatch', body: { ids: ['00000000-0000-4000-8000-000000000000'] }, allow: ['dispatcher'], refuse: [401, 403] },
  {
    method: 'POST',
    path: '/api/v1/issues/batch/supervision-orders',
    body: { ids: ['00000000-0000-4000-8000-000000000000'], requiredReply: '书面说明', dueIn: { amount: 1, unit: 'workingDays' } },
    allow: ['supervisor'],
    refuse: [401, 403],
  },
  {
    method: 'POST',
    path: '/api/v1/problem-clusters/governance-tasks',
    body: { issueIds: ['00000000-0000-4000-8000-000000000000'], unitId: '00000000-0000-4000-8000-000000000000', title: '主动治理', note: '统一推进' },
    allow: ['supervisor', 'dispatcher'],
    refuse: [401, 403],
    note: '立为治理任务: supervision or a dispatcher',
  },
  { method: 'POST', path: '/api/v1/issues/{issue}/reminders', body: {}, allow: ['entA', 'leaderA'], refuse: REFUSED, note: '催办: its enterprise and a leader who sees it' },
  { method: 'GET', path: '/api/v1/issues/{issue}/related', allow: ISSUE_READERS, refuse: [401, 403, 404], note: '关联诉求: whoever reads the issue' },
  {
    method: 'POST',
    path: '/api/v1/issues/{issue}/related',
    body: { issueId: '00000000-0000-4000-8000-000000000000' },
    allow: ['handlerA', 'headA', 'leaderA', 'dispatcher', 'supervisor', 'admin'],
    refuse: REFUSED,
    note: '关联: an official who reads both issues',
  },
  { method: 'GET', path: '/api/v1/supervision/overdue', allow: OFFICIALS, refuse: [401, 403], note: 'each official sees the overdue issues they may read (the lists below)' },
  { method: 'POST', path: '/api/v1/supervision/orders/{order}/reply', body: { reply: '已整改' }, allow: ['headA'], refuse: [401, 403, 404] },
  {
    method: 'POST',
    path: '/api/v1/issues/{issue}/supervision-orders',
    body: { requiredReply: '书面说明', dueIn: { amount: 1, unit: 'workingDays' } },
    allow: ['supervisor'],
    refuse: [401, 403, 404],
    note: 'a 督办单 by hand: supervision only; who cannot see the issue gets a 404',
  },
  { method: 'POST', path: '/api/v1/notifications/{notification}/read', allow: ['{notificationOwner}' as Who], refuse: [401, 403, 404] },
];

/** Lists a role must not find issue A in: the id must not appear in the answer at all. */
const LISTS_WITHOUT_ISSUE: Array<{ path: string; who: Who[] }> = [
  { path: '/api/v1/issues?limit=100', who: ['entB', 'handlerB', 'headB', 'handlerC', 'leaderB'] },
  { path: '/api/v1/issues?limit=100&enterpriseId={enterprise}', who: ['entB', 'handlerB', 'headB', 'handlerC', 'leaderB'] },
  { path: '/api/v1/supervision/overdue?limit=100', who: ['entB', 'handlerB', 'headB', 'handlerC', 'leaderB'] },
  { path: '/api/v1/inbox?limit=100', who: ['entB', 'handlerB', 'headB', 'handlerC', 'leaderB'] },
  { path: '/api/v1/supervision/orders?limit=100', who: ['entA', 'entB', 'handlerB', 'headB', 'handlerC'] },
  { path: '/api/v1/notifications?limit=100', who: ['entB', 'handlerB', 'headB', 'handlerC', 'leaderB'] },
];

const fill = (path: string, o: Objects) => path.replace(/\{(\w+)\}/g, (_, k: string) => String(o[k as keyof Objects]));

/** Files issue A with an attachment, works it into progress at unit A, and gives unit A a 督办单. */
async function prepare(rig: Rig): Promise<Objects> {
  const pdf = new Blob([Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')], { type: 'application/pdf' });
  const form = new FormData();
  form.append('file', pdf, '营业执照.pdf');
  const up = await fetch(`${rig.base}/api/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${rig.as('entA')}` }, body: form });
  if (up.status !== 201) throw new Error(`upload: ${up.status} ${await up.text()}`);
  const attachment = ((await up.json()) as { id: string }).id;
  const issue = await rig.file('entA', { attachmentIds: [attachment] });
  await rig.must('dispatcher', 'POST', `/api/v1/issues/${issue.id}/list`, {}, 200);
  await rig.must('dispatcher', 'POST', `/api/v1/issues/${issue.id}/dispatch`, {}, 200);
  await rig.must('handlerA', 'POST', `/api/v1/issues/${issue.id}/claim`, {}, 200);
  await rig.must('handlerA', 'POST', `/api/v1/issues/${issue.id}/first-contact`, { channel: 'phone', note: '已联系' }, 200);
  const clock = await rig.db.selectFrom('clocks').select('id').where('issue_id', '=', issue.id).executeTakeFirstOrThrow();
  const order = await rig.db
    .insertInto('supervision_orders')
    .values({ issue_id: issue.id, clock_id: clock.id, unit_id: rig.d.unitA, issued_at: new Date(), due_at: new Date(Date.now() + 86_400_000), required_reply: '书面报告' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const handlerA = await rig.db.selectFrom('accounts').select('id').where('login', '=', rig.d.people.handlerA.login).executeTakeFirstOrThrow();
  const notification = await rig.db.selectFrom('notifications').select(['id', 'account_id']).where('account_id', '=', handlerA.id).executeTakeFirst();
  if (!notification) throw new Error('handler A has no notification to steal');
  return { issue: issue.id, attachment, enterprise: rig.d.entA.id, category: rig.d.categoryId, order: order.id, notification: notification.id, notificationOwner: 'handlerA' };
}

/** Counts of every table a write could touch, to prove refused writes wrote nothing. */
async function tableCounts(rig: Rig): Promise<Record<string, number>> {
  const tables = [
    'issues',
    'issue_events',
    'outbox',
    'notifications',
    'enterprises',
    'accounts',
    'calendar_days',
    'supervision_orders',
    'replies',
    'extensions',
    'issue_returns',
    'ratings',
    'milestones',
    'pending_documents',
    'attachments',
    'idempotency_keys',
  ];
  const out: Record<string, number> = {};
  for (const t of tables)
    out[t] = Number(
      (
        await rig.db
          .selectFrom(t as 'issues')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return out;
}

/**
 * Drill 7: every role against every endpoint against objects that are not theirs, from the
 * matrix above; and every operation in /openapi.json refuses an unsigned caller. A read that
 * should succeed must (so a broken fixture cannot pass as "refused"); a write that should be
 * refused must be, and the database must not have changed.
 */
export const authorisationMatrixDrill: Drill = {
  name: 'authorisation',
  promise: 'every role × endpoint × someone else’s object: nothing readable or writable that the role may not',
  async run() {
    const f = failures();
    const rig = await openRig({ name: 'authz' });
    try {
      const o = await prepare(rig);
      const as = (who: Who) => (who === 'anonymous' ? null : rig.as(who));
      const send = (who: Who, method: string, path: string, body?: unknown): Promise<Answer> => request(rig.base, method, fill(path, o), { token: as(who), ...(body === undefined ? {} : { body }) });
      const before = await tableCounts(rig);
      const issueBefore = await rig.db.selectFrom('issues').select(['version', 'state']).where('id', '=', o.issue).executeTakeFirstOrThrow();
      let checked = 0;
      for (const row of MATRIX) {
        const allow = row.allow.map((w) => (w === ('{notificationOwner}' as Who) ? o.notificationOwner : w));
        for (const who of EVERYONE) {
          const allowed = allow.includes(who);
          if (allowed && row.method !== 'GET') continue;
          const res = await send(who, row.method, row.path, row.body);
          checked++;
          if (allowed) f.check(res.status === 200, `${who} ${row.method} ${row.path}: ${res.status}, expected 200 ${res.text.slice(0, 160)}`);
          else f.check(row.refuse.includes(res.status), `${who} ${row.method} ${row.path}: ${res.status}, expected one of ${row.refuse.join('/')} ${res.text.slice(0, 160)}`);
          // An enterprise is never told that another's issue exists.
          if (!allowed && who === 'entB' && row.path.includes('{issue}')) f.check(res.status === 404, `entB ${row.method} ${row.path}: ${res.status}, expected 404`);
        }
      }
      for (const list of LISTS_WITHOUT_ISSUE) {
        for (const who of list.who) {
          const res = await send(who, 'GET', list.path);
          checked++;
          f.check(res.status === 200 || res.status === 403, `${who} GET ${list.path}: ${res.status}`);
          f.check(!res.text.includes(o.issue) && !res.text.includes(o.order), `${who} GET ${list.path} shows issue A or its order`);
        }
      }
      // Every operation the API documents refuses a caller without credentials.
      const doc = (await request(rig.base, 'GET', '/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
      const PUBLIC = new Set(['POST /api/v1/auth/login', 'POST /api/v1/auth/logout', 'GET /health', 'GET /ready', 'GET /api/v1/public/figures', 'GET /api/v1/public/figures.xlsx']);
      let operations = 0;
      let invalidFirst = 0;
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const method of Object.keys(ops)) {
          if (PUBLIC.has(`${method.toUpperCase()} ${path}`)) continue;
          operations++;
          const concrete = path.replace(/\{id\}/g, o.issue);
          const res = await request(rig.base, method.toUpperCase(), concrete, method === 'get' ? {} : { body: {} });
          checked++;
          // An empty body may be refused as invalid before the missing credentials (400): the schema is public anyway.
          if (res.status === 400) invalidFirst++;
          f.check(res.status === 401 || res.status === 400, `anonymous ${method.toUpperCase()} ${path}: ${res.status}, expected 401`);
        }
      }
      const after = await tableCounts(rig);
      const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
      f.check(changed.length === 0, () => `refused requests changed tables: ${changed.map((t) => `${t} ${before[t]}→${after[t]}`).join(', ')}`);
      const issueAfter = await rig.db.selectFrom('issues').select(['version', 'state']).where('id', '=', o.issue).executeTakeFirstOrThrow();
      f.check(issueAfter.version === issueBefore.version, `issue A moved from version ${issueBefore.version} to ${issueAfter.version}`);
      return {
        summary: `${MATRIX.length} matrix rows × ${EVERYONE.length} callers, ${LISTS_WITHOUT_ISSUE.length} lists, ${operations} documented operations unsigned (${invalidFirst} of them answered 400 for the empty body before 401): ${checked} requests checked, ${f.list.length} wrong`,
        failures: f.list,
      };
    } finally {
      await rig.close();
    }
  },
};
