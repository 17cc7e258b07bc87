import { randomUUID } from 'node:crypto';
import argon2 from 'argon2';
import { makeCreditCode, type Role } from '@huiyin/domain';
import type { Db } from '@huiyin/store';

export const PASSWORD = 'correct horse battery';
let hash: Promise<string> | undefined;
// One argon2id hash for every test account: hashing is deliberately slow.
const passwordHash = () => (hash ??= argon2.hash(PASSWORD, { type: argon2.argon2id }));

let serial = 0;
/** A unique suffix so that fixtures from parallel test files never collide. */
export const unique = () => `${process.pid}-${Date.now().toString(36)}-${++serial}`;

/** A valid, unique credit code. */
export function freshCreditCode(): string {
  const n = Math.floor(Math.random() * 1e8)
    .toString()
    .padStart(8, '0');
  return makeCreditCode('91', '419901', n);
}

export type SmallDistrict = Awaited<ReturnType<typeof createDistrict>>;

/**
 * A small district for one test file: two leaders, three units with a head and a handler each,
 * a dispatcher, a supervisor, an admin, two enterprises assigned to leader A / unit A, and a
 * category whose limits are seconds long (so nothing waits for real days).
 */
export async function createDistrict(db: Db) {
  const tag = unique();
  const pw = await passwordHash();
  const leader = async (name: string) => (await db.insertInto('leaders').values({ name, title: '副区长' }).returning('id').executeTakeFirstOrThrow()).id;
  const unit = async (name: string) =>
    (
      await db
        .insertInto('units')
        .values({ name: `${name}-${tag}`, short_name: name })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const official = async (login: string, roles: Role[], unitId: string | null, leaderId: string | null) => {
    const o = await db
      .insertInto('officials')
      .values({ name: login, email: `${login}-${tag}@test.local`, unit_id: unitId, leader_id: leaderId, roles })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('accounts')
      .values({ login: `${login}-${tag}`, password_hash: pw, official_id: o.id })
      .execute();
    return { id: o.id, login: `${login}-${tag}` };
  };
  const enterprise = async (name: string) => {
    const e = await db
      .insertInto('enterprises')
      .values({
        name: `${name}-${tag}`,
        credit_code: freshCreditCode(),
        is_key: true,
        industry: '先进装备制造',
        address: '霁川区',
        contacts: JSON.stringify([{ name: '联系人', role: '总经理', phone: '13800000000', email: `${name}-${tag}@ent.test` }]),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('accounts')
      .values({ login: `${name}-${tag}`, password_hash: pw, enterprise_id: e.id })
      .execute();
    return { id: e.id, login: `${name}-${tag}` };
  };
  const leaderA = await leader('甲领导');
  const leaderB = await leader('乙领导');
  const unitA = await unit('甲局');
  const unitB = await unit('乙局');
  const unitC = await unit('丙局');
  const people = {
    leaderA: await official('leader-a', ['leader'], null, leaderA),
    leaderB: await official('leader-b', ['leader'], null, leaderB),
    headA: await official('head-a', ['unit_head'], unitA, null),
    handlerA: await official('handler-a', ['handler'], unitA, null),
    headB: await official('head-b', ['unit_head'], unitB, null),
    handlerB: await official('handler-b', ['handler'], unitB, null),
    handlerC: await official('handler-c', ['handler'], unitC, null),
    dispatcher: await official('dispatcher', ['dispatcher'], null, null),
    supervisor: await official('supervisor', ['supervisor'], null, null),
    admin: await official('admin', ['admin'], null, null),
  };
  const entA = await enterprise('企业甲');
  const entB = await enterprise('企业乙');
  for (const e of [entA, entB]) {
    await db.insertInto('assignments').values({ enterprise_id: e.id, leader_id: leaderA, unit_id: unitA, unit_head_id: people.headA.id }).execute();
  }
  const seconds = (amount: number) => JSON.stringify({ amount, unit: 'seconds' });
  const category = await db
    .insertInto('categories')
    .values({
      code: `test-${tag}`,
      name: '测试类',
      green_channel: false,
      // The listing clock runs far beyond any test (test/e2e/listing-clock.test.ts walks its own).
      listing_limit: JSON.stringify({ amount: 30, unit: 'workingDays' }),
      claim_limit: seconds(30),
      handling_limit: seconds(120),
      supplement_limit: seconds(60),
      rating_limit: seconds(60),
      rating_timeout_outcome: 'close_unrated',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { tag, leaderA, leaderB, unitA, unitB, unitC, people, entA, entB, categoryId: category.id, newId: randomUUID };
}
