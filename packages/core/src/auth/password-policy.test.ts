import { describe, expect, it } from 'vitest';
import { checkPassword, DEFAULT_PASSWORD_POLICY, passwordClasses } from './password-policy.ts';

describe('password policy', () => {
  it('needs 8 characters from 3 classes', () => {
    expect(checkPassword('Demo#2026', DEFAULT_PASSWORD_POLICY)).toEqual([]);
    expect(checkPassword('Ab1#', DEFAULT_PASSWORD_POLICY).map((i) => i.code)).toEqual(['password.too_short']);
    expect(checkPassword('abcdefgh1', DEFAULT_PASSWORD_POLICY).map((i) => i.code)).toEqual(['password.too_few_classes']);
    expect(checkPassword('ABCdefgh', DEFAULT_PASSWORD_POLICY).map((i) => i.code)).toEqual(['password.too_few_classes']);
    expect(checkPassword('abc', DEFAULT_PASSWORD_POLICY).map((i) => i.code)).toEqual(['password.too_short', 'password.too_few_classes']);
  });
  it('counts characters, not UTF-16 units, and treats CJK as symbols', () => {
    expect(passwordClasses('密码Ab1')).toBe(4);
    expect(checkPassword('密码密码Ab1x', DEFAULT_PASSWORD_POLICY)).toEqual([]);
  });
  it('refuses passwords containing the username', () => {
    expect(checkPassword('Xdemo-city1!', DEFAULT_PASSWORD_POLICY, 'demo-city').map((i) => i.code)).toEqual(['password.contains_username']);
  });
});
