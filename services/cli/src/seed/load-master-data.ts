import { GREEN_CHANNEL_TRACK_POLICY } from '@huiyin/domain';
import type { Db } from '@huiyin/store';
import { hashPasswordForStore } from '@huiyin/engine';
import { DEMO_PASSWORD, type DemoDistrict } from './data/index.ts';

export type Ids = {
  leaders: Map<string, string>;
  units: Map<string, string>;
  officials: Map<string, { id: string; accountId: string }>;
  enterprises: Map<string, { id: string; accountId: string }>;
  categories: Map<string, string>;
};

/** Leaders, units, officials, enterprises, accounts, assignments and categories, in one transaction. */
export async function loadMasterData(db: Db, district: DemoDistrict): Promise<Ids> {
  // Every demo account shares one password, so one hash serves them all.
  const hash = await hashPasswordForStore(DEMO_PASSWORD);
  return db.transaction().execute(async (trx) => {
    const ids: Ids = { leaders: new Map(), units: new Map(), officials: new Map(), enterprises: new Map(), categories: new Map() };
    for (const l of district.leaders) {
      ids.leaders.set(l.key, (await trx.insertInto('leaders').values({ name: l.name, title: l.title }).returning('id').executeTakeFirstOrThrow()).id);
    }
    for (const u of district.units) {
      ids.units.set(u.key, (await trx.insertInto('units').values({ name: u.name, short_name: u.shortName }).returning('id').executeTakeFirstOrThrow()).id);
    }
    for (const o of district.officials) {
      const row = await trx
        .insertInto('officials')
        .values({
          name: o.name,
          email: o.email,
          phone: o.phone,
          roles: o.roles,
          unit_id: o.unitKey ? (ids.units.get(o.unitKey) ?? null) : null,
          leader_id: o.leaderKey ? (ids.leaders.get(o.leaderKey) ?? null) : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const account = await trx.insertInto('accounts').values({ login: o.login, password_hash: hash, official_id: row.id }).returning('id').executeTakeFirstOrThrow();
      ids.officials.set(o.login, { id: row.id, accountId: account.id });
    }
    for (const e of district.enterprises) {
      const row = await trx
        .insertInto('enterprises')
        .values({ name: e.name, credit_code: e.creditCode, is_key: e.isKey, industry: e.industry, address: e.address, contacts: JSON.stringify(e.contacts) })
        .returning('id')
        .executeTakeFirstOrThrow();
      const account = await trx.insertInto('accounts').values({ login: e.login, password_hash: hash, enterprise_id: row.id }).returning('id').executeTakeFirstOrThrow();
      ids.enterprises.set(e.key, { id: row.id, accountId: account.id });
    }
    for (const a of district.assignments) {
      await trx
        .insertInto('assignments')
        .values({
          enterprise_id: ids.enterprises.get(a.enterpriseKey)?.id ?? '',
          leader_id: ids.leaders.get(a.leaderKey) ?? '',
          unit_id: ids.units.get(a.unitKey) ?? '',
          unit_head_id: ids.officials.get(a.unitHeadLogin)?.id ?? '',
        })
        .execute();
    }
    for (const c of district.categories) {
      const row = await trx
        .insertInto('categories')
        .values({
          code: c.code,
          name: c.name,
          green_channel: c.greenChannel,
          claim_limit: JSON.stringify(c.claimLimit),
          handling_limit: JSON.stringify(c.handlingLimit),
          supplement_limit: JSON.stringify(c.supplementLimit),
          rating_limit: JSON.stringify(c.ratingLimit),
          rating_timeout_outcome: c.ratingTimeoutOutcome,
          ...(c.greenChannel ? { track_policy: JSON.stringify(GREEN_CHANNEL_TRACK_POLICY) } : {}),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.categories.set(c.code, row.id);
    }
    return ids;
  });
}
