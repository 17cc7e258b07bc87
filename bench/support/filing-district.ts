import type { Db } from '@huiyin/store';
import { hashPasswordForStore } from '@huiyin/engine';

export type FilingDistrict = { enterpriseId: string; accountId: string; categoryId: string };

/**
 * The smallest district a filing needs: one category, one enterprise with the account `bench`
 * (password `bench-password`), and one dispatcher to notify; with `contact`, the enterprise has a
 * contact with a mail address, so each filing also mails it.
 */
export async function createFilingDistrict(db: Db, options: { contact: boolean }): Promise<FilingDistrict> {
  const contacts = options.contact ? [{ name: '联系人', email: 'contact@bench.local' }] : [];
  const ent = await db
    .insertInto('enterprises')
    .values({ name: '基准企业', credit_code: '91410311MA44A1B2CG', is_key: true, industry: '大数据', address: '霁川区', contacts: JSON.stringify(contacts) })
    .returning('id')
    .executeTakeFirstOrThrow();
  const account = await db
    .insertInto('accounts')
    .values({ login: 'bench', password_hash: await hashPasswordForStore('bench-password'), enterprise_id: ent.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  const limit = (amount: number) => JSON.stringify({ amount, unit: 'workingDays' });
  const cat = await db
    .insertInto('categories')
    .values({
      code: 'bench',
      name: '基准',
      green_channel: false,
      claim_limit: limit(1),
      handling_limit: limit(10),
      supplement_limit: limit(5),
      rating_limit: limit(3),
      rating_timeout_outcome: 'close_unrated',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('officials')
    .values({ name: '营商办', email: 'dispatcher@bench.local', roles: ['dispatcher'] })
    .execute();
  return { enterpriseId: ent.id, accountId: account.id, categoryId: cat.id };
}
