import { z } from 'zod';
import { creditCodeProblem, isMobileNumber } from '@huiyin/domain';
import { Id, Text } from './common.ts';

const PROBLEM_TEXT = {
  length: 'must be 18 characters',
  characters: 'uses characters outside GB 32100 (digits and capitals without I, O, S, V, Z)',
  check_character: 'check character does not match (GB 32100-2015)',
} as const;

/** 统一社会信用代码, checked per GB 32100-2015; upper-cased and trimmed first. */
export const CreditCode = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: `not a valid unified social credit code: ${PROBLEM_TEXT[problem]}` });
  });

export const Contact = z
  .strictObject({
    name: Text(50),
    role: Text(50),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9+\- ]{5,20}$/, 'digits, +, - and spaces'),
    email: z.email(),
    /** Opted in to SMS notices (enterprise contacts answer SMS); needs a mobile number. */
    sms: z.boolean().default(false),
  })
  .superRefine((c, ctx) => {
    if (c.sms && !isMobileNumber(c.phone)) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'SMS notices need a mobile number' });
  });

export const CreateEnterpriseInput = z.strictObject({
  name: Text(200),
  creditCode: CreditCode,
  isKey: z.boolean().default(false),
  industry: Text(100),
  address: Text(300),
  contacts: z.array(Contact).min(1).max(10),
});
export type CreateEnterpriseInput = z.infer<typeof CreateEnterpriseInput>;

export const CreateAccountInput = z.strictObject({
  login: z
    .string()
    .trim()
    .min(3)
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ and -'),
  password: z.string().min(10).max(200),
});
export type CreateAccountInput = z.infer<typeof CreateAccountInput>;

/** An API key for one of the enterprise's systems; an admin may name the account it acts as. */
export const IssueApiKeyInput = z.strictObject({
  name: Text(100),
  accountId: Id.optional(),
});
export type IssueApiKeyInput = z.infer<typeof IssueApiKeyInput>;
