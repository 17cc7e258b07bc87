import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CreateAccountInput, CreateEnterpriseInput, Enterprise, EnterpriseAccount, EnterpriseDetail, Id, Page, Text, pageOf } from '@huiyin/contract';
import { DomainError } from '@huiyin/domain';
import { passwordWeakness } from '@huiyin/engine';
import { contactsVisibleTo, type Db, rowLimit } from '@huiyin/store';
import { actorOf, officialWith } from '../auth/authenticate.ts';
import { hashPassword } from '../auth/passwords.ts';
import { IdempotencyHeaders } from '../idempotency.ts';

const IdParams = z.object({ id: Id });

const columns = ['id', 'name', 'credit_code as creditCode', 'is_key as isKey', 'industry', 'address', 'contacts'] as const;

type StoredContact = { name: string; role: string; phone: string; email: string; sms?: boolean };

/** The contacts as this reader may see them: names and roles always, numbers and e-mails only where `contactsVisibleTo` allows. */
function withContacts<R extends { contacts: StoredContact[]; contactsShown: boolean | 0 | 1 }>({ contactsShown, contacts, ...row }: R) {
  // Contacts stored before the SMS opt-in lack it: they have not opted in.
  const shown: Array<{ name: string; role: string; phone: string | null; email: string | null; sms: boolean }> = contacts.map((c) =>
    contactsShown ? { ...c, sms: c.sms === true } : { ...c, phone: null, email: null, sms: c.sms === true },
  );
  return { ...row, contacts: shown };
}

export const enterpriseRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.post(
    '/api/v1/enterprises',
    {
      schema: {
        tags: ['enterprises'],
        operationId: 'registerEnterprise',
        summary: 'Register an enterprise (admin)',
        description:
          'Admin only. The enterprise starts without a sign-in account (`POST /api/v1/enterprises/{id}/accounts`) and without an assignment (分包), which this API does not set; `Location` names it. A credit code already registered is `409 enterprise.credit_code_taken`, with the registered enterprise in `enterpriseId` when it is known.',
        body: CreateEnterpriseInput,
        headers: IdempotencyHeaders,
        response: { 201: Enterprise },
      },
      config: { idempotent: true },
    },
    async (request, reply) => {
      officialWith(request, 'admin');
      const b = request.body;
      const taken = await db.selectFrom('enterprises').select('id').where('credit_code', '=', b.creditCode).executeTakeFirst();
      if (taken) throw new DomainError('enterprise.credit_code_taken', 'an enterprise with this credit code exists', { field: 'creditCode', details: { enterpriseId: taken.id } });
      const row = await db
        .insertInto('enterprises')
        .values({ name: b.name, credit_code: b.creditCode, is_key: b.isKey, industry: b.industry, address: b.address, contacts: JSON.stringify(b.contacts) })
        .returning(columns)
        .executeTakeFirstOrThrow()
        .catch((e: unknown) => {
          // Two registrations of one code raced past the check above: the unique index decides.
          if ((e as { constraint?: string }).constraint === 'enterprises_credit_code_key') {
            throw new DomainError('enterprise.credit_code_taken', 'an enterprise with this credit code exists', { field: 'creditCode' });
          }
          throw e;
        });
      return reply
        .status(201)
        .header('location', `/api/v1/enterprises/${row.id}`)
        .send({ ...row, contacts: row.contacts.map((c) => ({ ...c, sms: c.sms === true })) });
    },
  );

  app.post(
    '/api/v1/enterprises/:id/accounts',
    {
      schema: {
        tags: ['enterprises'],
        operationId: 'createEnterpriseAccount',
        summary: "Create an enterprise's sign-in account (admin)",
        description:
          "Admin only. The account signs in with this login and password and acts as the enterprise: it files and follows the enterprise's issues. The password is a one-time one: at its first sign-in the account must change it (`POST /api/v1/auth/password`) before anything else. An unknown enterprise is `404 enterprise.not_found`; a login any account already has (official or enterprise) is `409 account.login_taken`; a password that is easy to guess (zxcvbn score below 3), shorter than 10 characters or containing the login is `422 account.password_weak`.",
        params: IdParams,
        body: CreateAccountInput,
        headers: IdempotencyHeaders,
        response: { 201: EnterpriseAccount },
      },
      config: { idempotent: true },
    },
    async (request, reply) => {
      officialWith(request, 'admin');
      const enterprise = await db.selectFrom('enterprises').select('id').where('id', '=', request.params.id).executeTakeFirst();
      if (!enterprise) throw new DomainError('enterprise.not_found', 'no such enterprise');
      const taken = await db.selectFrom('accounts').select('id').where('login', '=', request.body.login).executeTakeFirst();
      if (taken) throw new DomainError('account.login_taken', 'this login is taken', { field: 'login' });
      const weak = passwordWeakness(request.body.password, request.body.login);
      if (weak) throw new DomainError('account.password_weak', weak, { field: 'password' });
      const row = await db
        .insertInto('accounts')
        .values({ login: request.body.login, password_hash: await hashPassword(request.body.password), enterprise_id: enterprise.id, must_change_password: true })
        .returning(['id', 'login'])
        .executeTakeFirstOrThrow()
        .catch((e: unknown) => {
          // Two requests for one login raced past the check above: the unique index decides.
          if ((e as { constraint?: string }).constraint === 'accounts_login_key') throw new DomainError('account.login_taken', 'this login is taken', { field: 'login' });
          throw e;
        });
      return reply.status(201).send(row);
    },
  );

  app.get(
    '/api/v1/enterprises',
    {
      schema: {
        tags: ['enterprises'],
        operationId: 'listEnterprises',
        summary: 'Enterprises, key ones first (officials)',
        description:
          "Any official (an enterprise account gets `403 auth.forbidden`). Key enterprises first, then by name; `key=true` or `key=false` keeps only those, `name` those whose name contains it. Paged by `cursor`. Contacts' phone numbers and e-mails are null except for admins, supervisors, dispatchers, the enterprise's 分包 leader and unit, and officials who may read one of its issues.",
        querystring: Page.extend({
          key: z.enum(['true', 'false']).optional(),
          name: Text(100).optional().meta({ description: 'Part of the name, as written (for pickers): keeps the enterprises whose name contains it' }),
        }),
        response: { 200: pageOf(Enterprise) },
      },
    },
    async (request) => {
      const actor = officialWith(request);
      const offset = Number(request.query.cursor ?? 0);
      if (!Number.isSafeInteger(offset) || offset < 0) throw new DomainError('validation.invalid', 'not a cursor this API gave out', { field: 'cursor' });
      let q = db
        .selectFrom('enterprises')
        .select(columns)
        .select((eb) => contactsVisibleTo(actor)(eb).as('contactsShown'))
        .orderBy('is_key', 'desc')
        .orderBy('name')
        .orderBy('id');
      if (request.query.key) q = q.where('is_key', '=', request.query.key === 'true');
      // LIKE's own characters are taken as written.
      if (request.query.name) q = q.where('name', 'like', `%${request.query.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const rows = await q
        .offset(offset)
        .limit(rowLimit(request.query.limit + 1))
        .execute();
      return { items: rows.slice(0, request.query.limit).map(withContacts), nextCursor: rows.length > request.query.limit ? String(offset + request.query.limit) : null };
    },
  );

  app.get(
    '/api/v1/enterprises/:id',
    {
      schema: {
        tags: ['enterprises'],
        operationId: 'getEnterprise',
        summary: 'One enterprise with its assignment (分包)',
        description:
          "Any official reads any enterprise; an enterprise account only its own: another's id is `404 enterprise.not_found`, as for one that does not exist. The leader, unit and unit head are null when the enterprise has no assignment. Contacts' phone numbers and e-mails are null except for the enterprise itself, admins, supervisors, dispatchers, its 分包 leader and unit, and officials who may read one of its issues.",
        params: IdParams,
        response: { 200: EnterpriseDetail },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      // An enterprise reads only itself; another's id is a 404, as for issues.
      if (actor.kind === 'enterprise' && actor.enterpriseId !== request.params.id) throw new DomainError('enterprise.not_found', 'no such enterprise');
      const row = await db
        .selectFrom('enterprises')
        .leftJoin('assignments', 'assignments.enterprise_id', 'enterprises.id')
        .leftJoin('leaders', 'leaders.id', 'assignments.leader_id')
        .leftJoin('units', 'units.id', 'assignments.unit_id')
        .leftJoin('officials', 'officials.id', 'assignments.unit_head_id')
        .select([
          'enterprises.id',
          'enterprises.name',
          'enterprises.credit_code as creditCode',
          'enterprises.is_key as isKey',
          'enterprises.industry',
          'enterprises.address',
          'enterprises.contacts',
          'leaders.name as leaderName',
          'leaders.title as leaderTitle',
          'units.name as unitName',
          'officials.name as unitHeadName',
        ])
        .select((eb) => contactsVisibleTo(actor)(eb).as('contactsShown'))
        .where('enterprises.id', '=', request.params.id)
        .executeTakeFirst();
      if (!row) throw new DomainError('enterprise.not_found', 'no such enterprise');
      return withContacts(row);
    },
  );
};
