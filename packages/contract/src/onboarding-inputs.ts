import { z } from 'zod';
import { ROLES } from '@huiyin/domain';
import { Id, Page, Text } from './common.ts';

/** `?dryRun=true`: check every row and say what would change, writing nothing. */
export const DistrictImportQuery = z.strictObject({
  dryRun: z.enum(['true', 'false']).default('false'),
  sheet: z.string().max(20).optional().meta({ description: 'For a CSV file: which sheet it is (单位, 领导, 干部, 企业, 联系人, 分包); by default its file name says' }),
});
export type DistrictImportQuery = z.infer<typeof DistrictImportQuery>;

const Login = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/, 'letters, digits and . _ @ -, 2 to 64 characters');
const Roles = z.array(z.enum(ROLES)).min(1).max(ROLES.length);
const Phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{5,20}$/, 'a phone number');

export const OfficialsQuery = Page.extend({
  q: z.string().trim().max(50).optional().meta({ description: 'Part of the name or login' }),
  unitId: Id.optional(),
  role: z.enum(ROLES).optional(),
  active: z.enum(['true', 'false']).optional().meta({ description: 'Only active (`true`) or deactivated (`false`) officials; both by default' }),
});
export type OfficialsQuery = z.infer<typeof OfficialsQuery>;

/** A new official with their sign-in: the password is a one-time one, changed at first sign-in. */
export const CreateOfficialInput = z.strictObject({
  login: Login,
  name: Text(50),
  email: z.email().max(200),
  phone: Phone.nullable().default(null),
  roles: Roles,
  unitId: Id.nullable().default(null),
  leaderId: Id.nullable().default(null),
  password: z.string().min(10).max(200),
});
export type CreateOfficialInput = z.infer<typeof CreateOfficialInput>;

/** What an admin may change of an official; what is left out stays. */
export const UpdateOfficialInput = z
  .strictObject({
    name: Text(50).optional(),
    email: z.email().max(200).optional(),
    phone: Phone.nullable().optional(),
    roles: Roles.optional(),
    unitId: Id.nullable().optional(),
    leaderId: Id.nullable().optional(),
    active: z.boolean().optional().meta({ description: '`false` deactivates: no sign-in, every session ended; `true` lets them sign in again' }),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateOfficialInput = z.infer<typeof UpdateOfficialInput>;

/** 忘记密码: a login or the e-mail address an official's notices go to. */
export const PasswordResetRequestInput = z.strictObject({ login: z.string().trim().min(1).max(200) });
export type PasswordResetRequestInput = z.infer<typeof PasswordResetRequestInput>;

/** 重置密码: the token from the mail and the new password. */
export const PasswordResetInput = z.strictObject({ token: z.string().min(20).max(200), newPassword: z.string().min(10).max(200) });
export type PasswordResetInput = z.infer<typeof PasswordResetInput>;
