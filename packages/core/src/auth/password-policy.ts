import type { Issue } from '../errors.ts';

export interface PasswordPolicy {
  minLength: number;
  /** How many of the four classes (upper, lower, digit, symbol) a password needs. */
  minClasses: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 8, minClasses: 3 };

/** Counts the character classes present. @example passwordClasses('Demo#2026') === 4 */
export function passwordClasses(password: string): number {
  return [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

/**
 * Checks a new password against the policy; same code in the browser (as the user types) and the server.
 * @example checkPassword('Demo#2026', DEFAULT_PASSWORD_POLICY, 'demo-city') // []
 */
export function checkPassword(password: string, policy: PasswordPolicy, username?: string): Issue[] {
  const issues: Issue[] = [];
  const path = ['password'];
  if ([...password].length < policy.minLength) issues.push({ code: 'password.too_short', path, params: { minLength: policy.minLength } });
  if (passwordClasses(password) < policy.minClasses) issues.push({ code: 'password.too_few_classes', path, params: { minClasses: policy.minClasses } });
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    issues.push({ code: 'password.contains_username', path });
  }
  return issues;
}
