import { describe, expect, it } from 'vitest';
import { formatIssue, knownCodes, termText, type Locale } from './index.ts';
import * as enModules from './en/index.ts';
import * as zhModules from './zh-CN/index.ts';

const say = (code: string, params: Record<string, string>, locale: Locale) => formatIssue({ code, params }, locale).message;

describe('API codes said in words (term.*)', () => {
  it('names the role as the UI does, not by its API code', () => {
    expect(say('user.role_fields', { role: 'regulator', field: '辖区代码' }, 'zh-CN')).toBe('监管人员需要填写 辖区代码');
    expect(say('user.role_fields', { role: 'regulator', field: 'Jurisdiction code' }, 'en')).toBe('Regulator needs the field Jurisdiction code');
    expect(say('user.role_fields', { role: 'token', field: '所属单位' }, 'zh-CN')).toBe('API 令牌需要填写 所属单位');
    expect(say('user.role_fields', { role: 'token', field: 'Organisation' }, 'en')).toBe('API token needs the field Organisation');
  });

  it('names the type of a missing object as a noun', () => {
    expect(say('not_found', { objectType: 'organization', id: '7' }, 'zh-CN')).toBe('找不到单位 7，或您无权查看');
    expect(say('not_found', { objectType: 'organization', id: '7' }, 'en')).toBe('The organisation 7 does not exist or is outside what you may see');
    expect(say('not_found', { objectType: 'adverse_event_report', id: '12' }, 'en')).toBe('The adverse-event report 12 does not exist or is outside what you may see');
  });

  it('names organisation types in words', () => {
    expect(say('user.organization_type', { role: 'token', type: 'agency' }, 'zh-CN')).toBe('API 令牌不能属于协作部门类单位');
    expect(say('user.organization_type', { role: 'enterprise', type: 'institution' }, 'en')).toBe('Enterprise cannot belong to an organisation of type medical institution');
    expect(say('production.writer_not_manufacturer', { type: 'institution' }, 'zh-CN')).toBe('医疗机构类单位不能登记生产记录');
    expect(say('use_record.institution_only', { type: 'distributor' }, 'en')).toBe('Organisations of type distributor cannot record use records');
  });

  it('keeps a value it has no words for as sent, and a name the caller gave', () => {
    expect(say('not_found', { objectType: 'widget', id: '3' }, 'en')).toBe('The widget 3 does not exist or is outside what you may see');
    expect(say('user.role_fields', { role: 'regulator', roleName: '稽查员', field: '辖区代码' }, 'zh-CN')).toBe('稽查员需要填写 辖区代码');
  });

  it('has no message that shows the raw code where a worded name exists', () => {
    const raw = /\{(role|objectType)\}/;
    for (const modules of [zhModules, enModules]) {
      for (const [code, m] of Object.entries(Object.assign({}, ...Object.values(modules)) as Record<string, { message: string; hint?: string }>)) {
        expect(raw.test(m.message) || raw.test(m.hint ?? ''), `${code}: ${m.message}`).toBe(false);
      }
    }
    expect(knownCodes('en').filter((c) => c.startsWith('term.'))).toEqual(knownCodes('zh-CN').filter((c) => c.startsWith('term.')));
  });
});

describe('termText: one code in words', () => {
  it('says each licence kind the platform issues in both languages, and keeps an unknown code', () => {
    for (const kind of ['production_license', 'production_filing', 'distribution_license', 'distribution_filing', 'qms_certificate']) {
      expect(termText('license_kind', kind, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
      expect(termText('license_kind', kind, 'en')).not.toBe(kind);
    }
    expect(termText('license_kind', 'distribution_filing', 'zh-CN')).toBe('经营备案凭证');
    expect(termText('license_kind', 'something_new', 'en')).toBe('something_new');
  });
});
