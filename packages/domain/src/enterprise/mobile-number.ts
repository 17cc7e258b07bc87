/**
 * A mainland mobile number (11 digits from 13 to 19, an optional +86 before), as written with
 * spaces or dashes between groups: what an SMS can reach. An enterprise contact's SMS opt-in needs one.
 */
export function isMobileNumber(phone: string): boolean {
  return /^(\+?86)?1[3-9][0-9]{9}$/.test(phone.replace(/[\s-]/g, ''));
}
