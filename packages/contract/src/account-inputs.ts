import { z } from 'zod';

/** A new password: its strength (zxcvbn, not the login) is checked by the route, which knows the login. */
const NewPassword = z.string().min(10).max(200);

export const ChangePasswordInput = z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: NewPassword });
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

/** An admin's reset: a one-time password, to be changed at the next sign-in. */
export const ResetPasswordInput = z.strictObject({ password: NewPassword });
export type ResetPasswordInput = z.infer<typeof ResetPasswordInput>;
