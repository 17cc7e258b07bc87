import { z } from 'zod';

const Hidden = 'null where this official may not see it: only admins, supervisors, dispatchers, the enterprise’s 分包 leader and unit, and officials working on its issues see numbers and addresses';
export const EnterpriseContact = z
  .object({
    name: z.string(),
    role: z.string(),
    phone: z.string().nullable().meta({ description: Hidden }),
    email: z.string().nullable().meta({ description: Hidden }),
    sms: z.boolean().meta({ description: 'Opted in to SMS notices (to the phone above)' }),
  })
  .meta({ id: 'EnterpriseContact' });

export const Enterprise = z
  .object({
    id: z.string(),
    name: z.string(),
    creditCode: z.string().meta({ description: '统一社会信用代码' }),
    isKey: z.boolean().meta({ description: 'A key enterprise (重点企业)' }),
    industry: z.string(),
    address: z.string(),
    contacts: z.array(EnterpriseContact),
  })
  .meta({ id: 'Enterprise' });

/** Its assignment (分包) joined in: null where it has none yet. */
export const EnterpriseDetail = Enterprise.extend({
  leaderName: z.string().nullable(),
  leaderTitle: z.string().nullable(),
  unitName: z.string().nullable(),
  unitHeadName: z.string().nullable(),
}).meta({ id: 'EnterpriseDetail', description: 'An enterprise with its assignment (分包): leader, unit and unit head' });

export const EnterpriseAccount = z.object({ id: z.string(), login: z.string() }).meta({ id: 'EnterpriseAccount', description: "An enterprise's sign-in account" });
