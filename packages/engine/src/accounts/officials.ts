import { sql } from 'kysely';
import { DomainError, type Role } from '@huiyin/domain';
import { type Db, rowLimit } from '@huiyin/store';
import { hashPasswordForStore } from '../accounts.ts';
import { passwordWeakness } from '../password-strength.ts';

export type OfficialView = {
  id: string;
  accountId: string | null;
  login: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  roles: Role[];
  unitId: string | null;
  unitName: string | null;
  leaderId: string | null;
  leaderName: string | null;
  active: boolean;
  deactivatedAt: Date | null;
};

const officialRows = (db: Db) =>
  db
    .selectFrom('officials')
    .leftJoin('accounts', 'accounts.official_id', 'officials.id')
    .leftJoin('units', 'units.id', 'officials.unit_id')
    .leftJoin('leaders', 'leaders.id', 'officials.leader_id')
    .select([
      'officials.id',
      'accounts.id as accountId',
      'accounts.login',
      'officials.name',
      'officials.email',
      'officials.phone',
      'officials.roles',
      'officials.unit_id as unitId',
      'units.name as unitName',
      'officials.leader_id as leaderId',
      'leaders.name as leaderName',
      'officials.deactivated_at as deactivatedAt',
    ]);

type Row = Awaited<ReturnType<ReturnType<typeof officialRows>['executeTakeFirstOrThrow']>>;
/** E-mail and phone are an admin's to read; other officials get names, roles and units (to pick a team). */
const viewOf = (r: Row, full: boolean): OfficialView => ({ ...r, email: full ? r.email : null, phone: full ? r.phone : null, active: r.deactivatedAt === null });

/** Officials by name, paged by offset; filtered by part of name or login, unit, role, active. */
export async function listOfficials(
  db: Db,
  query: { q?: string | undefined; unitId?: string | undefined; role?: Role | undefined; active?: boolean | undefined; offset: number; limit: number },
  full: boolean,
): Promise<{ items: OfficialView[]; nextOffset: number | null }> {
  let q = officialRows(db).orderBy('officials.name').orderBy('officials.id');
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('officials.name', 'like', like), eb('accounts.login', 'like', like)]));
  }
  if (query.unitId) q = q.where('officials.unit_id', '=', query.unitId);
  if (query.role) q = q.where(sql<boolean>`${query.role} = any(officials.roles)`);
  if (query.active !== undefined) q = q.where('officials.deactivated_at', query.active ? 'is' : 'is not', null);
  const rows = await q
    .offset(query.offset)
    .limit(rowLimit(query.limit + 1))
    .execute();
  return { items: rows.slice(0, query.limit).map((r) => viewOf(r, full)), nextOffset: rows.length > query.limit ? query.offset + query.limit : null };
}

export async function getOfficial(db: Db, id: string): Promise<OfficialView> {
  const row = await officialRows(db).where('officials.id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('official.not_found', 'no such official');
  return viewOf(row, true);
}

type Placement = { roles: readonly Role[]; unitId: string | null; leaderId: string | null };

/** Handlers and unit heads belong to a unit, a leader-role official is a leader (the table's checks, as 422s naming the field). */
async function checkPlacement(db: Db, p: Placement): Promise<void> {
  if (p.roles.some((r) => r === 'handler' || r === 'unit_head') && !p.unitId) throw new DomainError('validation.required', 'handlers and unit heads belong to a unit', { field: 'unitId' });
  if (p.roles.includes('leader') && !p.leaderId) throw new DomainError('validation.required', 'a leader-role official names the leader they are', { field: 'leaderId' });
  if (p.unitId && !(await db.selectFrom('units').select('id').where('id', '=', p.unitId).executeTakeFirst())) throw new DomainError('validation.invalid', 'no such unit', { field: 'unitId' });
  if (p.leaderId && !(await db.selectFrom('leaders').select('id').where('id', '=', p.leaderId).executeTakeFirst()))
    throw new DomainError('validation.invalid', 'no such leader', { field: 'leaderId' });
}

/** A new official and their sign-in, with a one-time password to be changed at first sign-in. */
export async function createOfficial(
  db: Db,
  input: { login: string; name: string; email: string; phone: string | null; roles: Role[]; unitId: string | null; leaderId: string | null; password: string },
): Promise<OfficialView> {
  await checkPlacement(db, input);
  if (await db.selectFrom('accounts').select('id').where('login', '=', input.login).executeTakeFirst()) throw new DomainError('account.login_taken', 'this login is taken', { field: 'login' });
  const weak = passwordWeakness(input.password, input.login, [input.name]);
  if (weak) throw new DomainError('account.password_weak', weak, { field: 'password' });
  const hash = await hashPasswordForStore(input.password);
  const id = await db
    .transaction()
    .execute(async (tx) => {
      const official = await tx
        .insertInto('officials')
        .values({ name: input.name, email: input.email, phone: input.phone, roles: input.roles, unit_id: input.unitId, leader_id: input.leaderId })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('accounts').values({ login: input.login, password_hash: hash, official_id: official.id, enterprise_id: null, must_change_password: true }).execute();
      return official.id;
    })
    .catch((e: unknown) => {
      // Two creations of one login raced past the check above: the unique index decides.
      if ((e as { constraint?: string }).constraint === 'accounts_login_key') throw new DomainError('account.login_taken', 'this login is taken', { field: 'login' });
      throw e;
    });
  return getOfficial(db, id);
}

/**
 * Changes an official's details, roles, unit or leader, or (`active: false`) deactivates them:
 * they cannot sign in and every session of theirs ends, in the same transaction. Returns the
 * ended sessions' token hashes, for the caller's session cache.
 */
export async function updateOfficial(
  db: Db,
  id: string,
  change: {
    name?: string | undefined;
    email?: string | undefined;
    phone?: string | null | undefined;
    roles?: Role[] | undefined;
    unitId?: string | null | undefined;
    leaderId?: string | null | undefined;
    active?: boolean | undefined;
  },
  now: Date,
): Promise<{ official: OfficialView; endedSessions: string[] }> {
  const current = await getOfficial(db, id);
  const placement = {
    roles: change.roles ?? current.roles,
    unitId: change.unitId !== undefined ? change.unitId : current.unitId,
    leaderId: change.leaderId !== undefined ? change.leaderId : current.leaderId,
  };
  await checkPlacement(db, placement);
  const endedSessions = await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('officials')
      .set({
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.email !== undefined ? { email: change.email } : {}),
        ...(change.phone !== undefined ? { phone: change.phone } : {}),
        roles: placement.roles as Role[],
        unit_id: placement.unitId,
        leader_id: placement.leaderId,
        ...(change.active === false && current.active ? { deactivated_at: now } : {}),
        ...(change.active === true ? { deactivated_at: null } : {}),
      })
      .where('id', '=', id)
      .execute();
    if (change.active !== false) return [];
    const accounts = tx.selectFrom('accounts').select('id').where('official_id', '=', id);
    return (await tx.deleteFrom('sessions').where('account_id', 'in', accounts).returning('token_hash').execute()).map((s) => s.token_hash);
  });
  return { official: await getOfficial(db, id), endedSessions };
}
