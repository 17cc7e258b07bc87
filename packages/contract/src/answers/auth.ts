import { z } from 'zod';
import { ROLES } from '@huiyin/domain';
import { Time } from './common.ts';

export const Role = z.enum(ROLES);

export const Session = z
  .object({
    token: z.string().meta({ description: 'Send as `Authorization: Bearer …`; the console uses the cookie set beside it' }),
    expiresAt: Time,
    kind: z.enum(['enterprise', 'official']),
    mustChangePassword: z.boolean().meta({
      description: 'The password was set by an admin: every call but `POST /api/v1/auth/password` (and `GET /api/v1/me`, signing out) is `403 auth.password_change_required` until it is changed',
    }),
  })
  .meta({ id: 'Session' });

/** Who is signed in: an enterprise's account, or an official with roles. */
export const Me = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('enterprise'), login: z.string(), name: z.string(), accountId: z.string(), enterpriseId: z.string(), mustChangePassword: z.boolean() }),
    z.object({
      kind: z.literal('official'),
      login: z.string(),
      name: z.string(),
      accountId: z.string(),
      officialId: z.string(),
      roles: z.array(Role).readonly(),
      unitId: z.string().nullable(),
      leaderId: z.string().nullable(),
      mustChangePassword: z.boolean(),
    }),
  ])
  .meta({ id: 'Me' });
