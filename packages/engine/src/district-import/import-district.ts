import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Role } from '@huiyin/domain';
import type { Contact, Db } from '@huiyin/store';
import { hashPasswordForStore } from '../accounts.ts';
import { DISTRICT_SHEETS, SHEET_KEYS, type DistrictSheets, type SheetKey } from './district-sheets.ts';
import { parseSheets, type ImportRowError, type ParsedDistrict } from './parse-sheets.ts';

export type SheetOutcome = { sheet: SheetKey; title: string; created: number; changed: number; unchanged: number };
/** What an import did (or, for a dry run or a file with errors, would do: then nothing is written). */
export type DistrictImportReport = { dryRun: boolean; applied: boolean; errors: ImportRowError[]; sheets: SheetOutcome[] };

type Outcome = 'created' | 'changed' | 'unchanged';
type Official = { id: string; name: string; email: string; phone: string | null; unit_id: string | null; leader_id: string | null; roles: Role[] };

/** Serialises imports: two at once would both see a unit as new. */
const IMPORT_LOCK = sql`select pg_advisory_xact_lock(hashtext('huiyin.district-import'))`;

/**
 * Loads a district's units, leaders, officials (with their sign-in), enterprises, contacts and
 * 分包 assignments from its workbook in one transaction, or writes nothing: with any error in any
 * row, and always on a dry run. Rows are matched by unit name, leader name, login and credit
 * code, so importing the same workbook again changes nothing (every row `unchanged`).
 * An account created without 初始密码 has no usable password: its owner sets one through the
 * reset mail (忘记密码) or an admin's reset. A 联系人 sheet lists each named enterprise's contacts in full.
 */
export async function importDistrict(db: Db, sheets: DistrictSheets, options: { dryRun: boolean }): Promise<DistrictImportReport> {
  const errors: ImportRowError[] = [];
  const parsed = parseSheets(sheets, errors);
  return db.transaction().execute(async (tx) => {
    await IMPORT_LOCK.execute(tx);
    const plan = await planImport(tx, parsed, errors);
    const sheetsOut = SHEET_KEYS.filter((k) => parsed.given.includes(k)).map((k) => ({
      sheet: k,
      title: DISTRICT_SHEETS[k].title,
      created: plan.outcomes[k].filter((o) => o === 'created').length,
      changed: plan.outcomes[k].filter((o) => o === 'changed').length,
      unchanged: plan.outcomes[k].filter((o) => o === 'unchanged').length,
    }));
    errors.sort((a, b) => SHEET_KEYS.findIndex((k) => DISTRICT_SHEETS[k].title === a.sheet) - SHEET_KEYS.findIndex((k) => DISTRICT_SHEETS[k].title === b.sheet) || a.row - b.row);
    if (errors.length > 0 || options.dryRun) return { dryRun: options.dryRun, applied: false, errors, sheets: sheetsOut };
    await plan.apply();
    return { dryRun: false, applied: true, errors, sheets: sheetsOut };
  });
}

/** Checks every row against the database and decides each one's outcome; `apply` writes them. */
async function planImport(tx: Db, p: ParsedDistrict, errors: ImportRowError[]) {
  const fail = (key: SheetKey, row: number, field: string, message: string) =>
    errors.push({ sheet: DISTRICT_SHEETS[key].title, row, column: (DISTRICT_SHEETS[key].columns as Record<string, string>)[field] ?? field, message });
  const outcomes = Object.fromEntries(SHEET_KEYS.map((k) => [k, [] as Outcome[]])) as Record<SheetKey, Outcome[]>;

  const units = new Map((await tx.selectFrom('units').select(['id', 'name', 'short_name']).execute()).map((u) => [u.name, u as { id: string | null; name: string; short_name: string }]));
  const leaderRows = await tx.selectFrom('leaders').select(['id', 'name', 'title']).execute();
  const leaders = new Map<string, { id: string | null; title: string; count: number }>();
  for (const l of leaderRows) leaders.set(l.name, { id: l.id, title: l.title, count: (leaders.get(l.name)?.count ?? 0) + 1 });
  const logins = [...p.officials.map((o) => o.login), ...p.enterprises.flatMap((e) => (e.login ? [e.login] : [])), ...p.assignments.map((a) => a.unitHead)];
  const accounts = new Map(
    (logins.length
      ? await tx
          .selectFrom('accounts')
          .leftJoin('officials', 'officials.id', 'accounts.official_id')
          .select([
            'accounts.login',
            'accounts.enterprise_id',
            'accounts.official_id',
            'officials.name',
            'officials.email',
            'officials.phone',
            'officials.unit_id',
            'officials.leader_id',
            'officials.roles',
          ])
          .where('accounts.login', 'in', logins)
          .execute()
      : []
    ).map((a) => [a.login, a]),
  );
  const codes = [...new Set([...p.enterprises, ...p.contacts, ...p.assignments].map((r) => r.creditCode))];
  type EnterpriseEntry = { id: string | null; credit_code: string; name: string; is_key: boolean; industry: string; address: string; contacts: Contact[] };
  const enterprises = new Map<string, EnterpriseEntry>(
    (codes.length ? await tx.selectFrom('enterprises').select(['id', 'credit_code', 'name', 'is_key', 'industry', 'address', 'contacts']).where('credit_code', 'in', codes).execute() : []).map((e) => [
      e.credit_code,
      e,
    ]),
  );
  const known = [...enterprises.values()].flatMap((e) => (e.id ? [e.id] : []));
  const assignments = new Map((known.length ? await tx.selectFrom('assignments').selectAll().where('enterprise_id', 'in', known).execute() : []).map((a) => [a.enterprise_id, a]));

  // Units and leaders: by name. A new one has no id until `apply` inserts it.
  const unitWrites: Array<() => Promise<void>> = [];
  for (const u of p.units) {
    const had = units.get(u.name);
    const outcome: Outcome = !had ? 'created' : had.short_name === u.shortName ? 'unchanged' : 'changed';
    outcomes.units.push(outcome);
    const entry = had ?? { id: null, name: u.name, short_name: u.shortName };
    units.set(u.name, { ...entry, short_name: u.shortName });
    if (outcome === 'created')
      unitWrites.push(async () => void (entry.id = (await tx.insertInto('units').values({ name: u.name, short_name: u.shortName }).returning('id').executeTakeFirstOrThrow()).id));
    if (outcome === 'changed') unitWrites.push(async () => void (await tx.updateTable('units').set({ short_name: u.shortName }).where('name', '=', u.name).execute()));
    if (outcome === 'created') units.set(u.name, entry);
  }
  for (const l of p.leaders) {
    const had = leaders.get(l.name);
    if (had && had.count > 1) {
      fail('leaders', l.row, 'name', '系统中有多位同名领导，无法对应');
      continue;
    }
    const outcome: Outcome = !had ? 'created' : had.title === l.title ? 'unchanged' : 'changed';
    outcomes.leaders.push(outcome);
    const entry = had ?? { id: null, title: l.title, count: 1 };
    leaders.set(l.name, entry);
    if (outcome === 'created') unitWrites.push(async () => void (entry.id = (await tx.insertInto('leaders').values({ name: l.name, title: l.title }).returning('id').executeTakeFirstOrThrow()).id));
    if (outcome === 'changed')
      unitWrites.push(
        async () =>
          void (await tx
            .updateTable('leaders')
            .set({ title: l.title })
            .where('id', '=', entry.id ?? '')
            .execute()),
      );
  }
  const unitNamed = (key: SheetKey, row: number, field: string, name: string) => {
    const u = units.get(name);
    if (!u) fail(key, row, field, `未知单位“${name}”（单位表和系统中都没有）`);
    return u;
  };
  const leaderNamed = (key: SheetKey, row: number, field: string, name: string) => {
    const l = leaders.get(name);
    if (!l) fail(key, row, field, `未知领导“${name}”（领导表和系统中都没有）`);
    else if (l.count > 1) fail(key, row, field, `系统中有多位领导叫“${name}”`);
    return l;
  };

  // Officials: by login. What each will be after the import, for the assignments' unit heads.
  const officialsAfter = new Map<string, { roles: Role[]; unit: string | null }>();
  for (const [login, a] of accounts) if (a.official_id && a.roles) officialsAfter.set(login, { roles: a.roles, unit: [...units.values()].find((u) => u.id === a.unit_id)?.name ?? null });
  const officialWrites: Array<() => Promise<void>> = [];
  for (const o of p.officials) {
    const had = accounts.get(o.login);
    if (had?.enterprise_id) {
      fail('officials', o.row, 'login', '这个登录名已是企业账号');
      continue;
    }
    const unit = o.unit ? unitNamed('officials', o.row, 'unit', o.unit) : null;
    const leader = o.leader ? leaderNamed('officials', o.row, 'leader', o.leader) : null;
    if ((o.unit && !unit) || (o.leader && (!leader || leader.count > 1))) continue;
    officialsAfter.set(o.login, { roles: o.roles, unit: o.unit });
    const values = () => ({ name: o.name, email: o.email, phone: o.phone, unit_id: unit?.id ?? null, leader_id: leader?.id ?? null, roles: o.roles });
    const same = (h: Partial<Official>) =>
      h.name === o.name &&
      h.email === o.email &&
      h.phone === o.phone &&
      (h.unit_id ?? null) === (unit?.id ?? null) &&
      (h.leader_id ?? null) === (leader?.id ?? null) &&
      sameRoles(h.roles ?? [], o.roles);
    const outcome: Outcome = !had ? 'created' : unit?.id !== null && leader?.id !== null && same(had as Partial<Official>) ? 'unchanged' : 'changed';
    outcomes.officials.push(outcome);
    if (outcome === 'created') {
      officialWrites.push(async () => {
        const official = await tx.insertInto('officials').values(values()).returning('id').executeTakeFirstOrThrow();
        const hash = await initialHash(o.password);
        await tx.insertInto('accounts').values({ login: o.login, password_hash: hash, official_id: official.id, enterprise_id: null, must_change_password: true }).execute();
      });
    } else if (outcome === 'changed') {
      officialWrites.push(
        async () =>
          void (await tx
            .updateTable('officials')
            .set(values())
            .where('id', '=', had?.official_id ?? '')
            .execute()),
      );
    }
  }

  // Enterprises: by credit code, with an account when a login is given and not there yet.
  const enterpriseWrites: Array<() => Promise<void>> = [];
  for (const e of p.enterprises) {
    const had = enterprises.get(e.creditCode);
    const account = e.login ? accounts.get(e.login) : undefined;
    if (account && (account.official_id || (had?.id && account.enterprise_id !== had.id) || !had)) {
      fail('enterprises', e.row, 'login', '这个登录名已被其他账号使用');
      continue;
    }
    const fields = { name: e.name, is_key: e.isKey, industry: e.industry, address: e.address };
    const sameFields = had && had.name === e.name && had.is_key === e.isKey && had.industry === e.industry && had.address === e.address;
    const outcome: Outcome = !had ? 'created' : sameFields && (!e.login || account) ? 'unchanged' : 'changed';
    outcomes.enterprises.push(outcome);
    const entry: EnterpriseEntry = had ?? { id: null, credit_code: e.creditCode, contacts: [], ...fields };
    enterprises.set(e.creditCode, entry);
    enterpriseWrites.push(async () => {
      if (outcome === 'created')
        entry.id = (
          await tx
            .insertInto('enterprises')
            .values({ ...fields, credit_code: e.creditCode, contacts: '[]' })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      else if (!sameFields) await tx.updateTable('enterprises').set(fields).where('credit_code', '=', e.creditCode).execute();
      if (e.login && !account) {
        await tx
          .insertInto('accounts')
          .values({ login: e.login, password_hash: await initialHash(e.password), enterprise_id: entry.id, official_id: null, must_change_password: true })
          .execute();
      }
    });
  }
  const enterpriseCoded = (key: SheetKey, row: number, code: string) => {
    const e = enterprises.get(code);
    if (!e) fail(key, row, 'creditCode', '企业表和系统中都没有这个统一社会信用代码');
    return e;
  };

  // Contacts: the sheet lists each enterprise's contacts in full, matched by name.
  const contactLists = new Map<string, Contact[]>();
  for (const c of p.contacts) {
    const e = enterpriseCoded('contacts', c.row, c.creditCode);
    if (!e) continue;
    const before = (e.contacts ?? []).find((x) => x.name === c.name);
    const contact: Contact = { name: c.name, role: c.role, phone: c.phone, email: c.email, sms: c.sms };
    outcomes.contacts.push(!before ? 'created' : sameContact(before, contact) ? 'unchanged' : 'changed');
    contactLists.set(c.creditCode, [...(contactLists.get(c.creditCode) ?? []), contact]);
  }
  const contactWrites = [...contactLists].map(([code, list]) => async () => {
    const e = enterprises.get(code);
    const had = e?.contacts ?? [];
    if (had.length !== list.length || list.some((c, i) => !sameContact(had[i], c)))
      await tx
        .updateTable('enterprises')
        .set({ contacts: JSON.stringify(list) })
        .where('credit_code', '=', code)
        .execute();
  });

  // 分包: one leader, unit and that unit's head per enterprise.
  const assignmentWrites: Array<() => Promise<void>> = [];
  for (const a of p.assignments) {
    const e = enterpriseCoded('assignments', a.row, a.creditCode);
    const leader = leaderNamed('assignments', a.row, 'leader', a.leader);
    const unit = unitNamed('assignments', a.row, 'unit', a.unit);
    const head = officialsAfter.get(a.unitHead);
    if (!head) fail('assignments', a.row, 'unitHead', `未知干部登录名“${a.unitHead}”`);
    else if (!head.roles.includes('unit_head') || head.unit !== a.unit) fail('assignments', a.row, 'unitHead', `“${a.unitHead}”不是${a.unit}的单位负责人`);
    if (!e || !leader || leader.count > 1 || !unit || !head) continue;
    const had = e.id ? assignments.get(e.id) : undefined;
    const headAccount = accounts.get(a.unitHead);
    const same = had && had.leader_id === leader.id && had.unit_id === unit.id && had.unit_head_id === headAccount?.official_id;
    outcomes.assignments.push(!had ? 'created' : same ? 'unchanged' : 'changed');
    if (same) continue;
    assignmentWrites.push(async () => {
      const headId = (await tx.selectFrom('accounts').select('official_id').where('login', '=', a.unitHead).executeTakeFirstOrThrow()).official_id ?? '';
      const row = { enterprise_id: e.id ?? '', leader_id: leader.id ?? '', unit_id: unit.id ?? '', unit_head_id: headId };
      await tx
        .insertInto('assignments')
        .values(row)
        .onConflict((oc) => oc.column('enterprise_id').doUpdateSet({ leader_id: row.leader_id, unit_id: row.unit_id, unit_head_id: row.unit_head_id }))
        .execute();
    });
  }

  return {
    outcomes,
    async apply() {
      for (const write of [...unitWrites, ...officialWrites, ...enterpriseWrites, ...contactWrites, ...assignmentWrites]) await write();
    },
  };
}

// Compared field by field: jsonb gives the keys back in its own order.
const sameContact = (a: Contact | undefined, b: Contact) => a?.name === b.name && a.role === b.role && a.phone === b.phone && (a.email ?? '') === b.email && (a.sms === true) === (b.sms === true);
const sameRoles = (a: readonly Role[], b: readonly Role[]) => a.length === b.length && a.every((r) => b.includes(r));

/** The given one-time password's hash, or one no password matches (not an argon2 hash): set by reset mail. */
async function initialHash(password: string | null): Promise<string> {
  return password ? hashPasswordForStore(password) : `!unset:${randomBytes(16).toString('hex')}`;
}
