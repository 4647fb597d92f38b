import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiProblem } from '../api/problem.ts';
import { changeLanguage } from '../i18n/i18n.ts';
import { joinMessages, labelLookup, messageFor, schemaIssues, serverIssues } from './form-issues.ts';
import { issueText } from './problem-text.ts';

// Positions worded plainly, so the lookup's choices (which label, which number, row or item) show in the result.
const position = (label: string, n: number, row: boolean) => `${label}#${row ? 'row' : 'item'}${n}`;
const labels = {
  receivedQuantity: '实收数量', 'patient.name': '姓名', imdrfCodes: 'IMDRF 代码',
  'incomingInspection.items': '检验项目', 'incomingInspection.items.*.result': '结果', 'incomingInspection.items.*.name': '项目名称',
  'documents.0.id': '送货单号',
};
const lookup = labelLookup(labels, position);

describe('labelLookup: an issue path → the label the form shows', () => {
  it('names plain and nested fields by their exact path', () => {
    expect(lookup('receivedQuantity')).toBe('实收数量');
    expect(lookup('patient.name')).toBe('姓名');
  });

  it('names a list member by the list with its item number, a table cell by its column with the row number, a table row by the table', () => {
    expect(lookup('imdrfCodes.1')).toBe('IMDRF 代码#item2');
    expect(lookup('incomingInspection.items.0.result')).toBe('结果#row1');
    expect(lookup('incomingInspection.items.2.name')).toBe('项目名称#row3');
    expect(lookup('incomingInspection.items.2')).toBe('检验项目#row3');
  });

  it('prefers an exact path to a position, and leaves what no label covers to the path', () => {
    expect(lookup('documents.0.id')).toBe('送货单号');
    expect(lookup('incomingInspection.items.0.unknownColumn')).toBeUndefined();
    expect(lookup('imdrfCodes.1.code')).toBeUndefined();
    expect(lookup('somethingElse')).toBeUndefined();
    expect(lookup('somethingElse.3')).toBeUndefined();
    expect(lookup('constructor')).toBeUndefined(); // no label inherited from Object
  });
});

describe('issue words with the form’s labels', () => {
  afterEach(async () => {
    await changeLanguage('zh-CN');
  });

  it('words {field} with the label, in both languages, and with the path when there is none', async () => {
    const required = { code: 'generic.required', path: 'receivedQuantity' };
    expect(issueText(required, 'zh-CN', lookup)).toBe('缺少必填字段 实收数量 请填写 实收数量');
    expect(issueText({ ...required, path: 'unknownField' }, 'zh-CN', lookup)).toBe('缺少必填字段 unknownField 请填写 unknownField');
    expect(issueText(required, 'zh-CN')).toBe('缺少必填字段 receivedQuantity 请填写 receivedQuantity'); // API clients and old callers: the path
    await changeLanguage('en');
    expect(issueText(required, 'en', labelLookup({ receivedQuantity: 'Quantity received' }, position))).toBe('Required field Quantity received is missing Fill in Quantity received');
  });

  it('words the schema’s issues by label, table cells with their row', () => {
    const schema = z.object({ receivedQuantity: z.number(), incomingInspection: z.object({ items: z.array(z.object({ name: z.string(), result: z.string() })) }) });
    const issues = schemaIssues(schema, { incomingInspection: { items: [{ name: 'BFE', result: 'ok' }, { name: 'PFE' }] } }, 'zh-CN', lookup);
    expect(issues).toEqual({
      receivedQuantity: '缺少必填字段 实收数量 请填写 实收数量',
      'incomingInspection.items.1.result': '缺少必填字段 结果#row2 请填写 结果#row2',
    });
  });

  it('says an empty select is missing, a wrong choice without its codes, and a pattern in words', () => {
    const schema = z.object({ severity: z.enum(['death', 'serious_injury', 'other']), imdrfCodes: z.array(z.string().regex(/^[A-G](\d{2}){1,3}$/)) });
    const named = labelLookup({ severity: '伤害程度', imdrfCodes: 'IMDRF 代码' }, position);
    expect(schemaIssues(schema, { severity: '', imdrfCodes: ['X1'] }, 'zh-CN', named)).toEqual({
      severity: '缺少必填字段 伤害程度 请填写 伤害程度',
      'imdrfCodes.0': '字段 IMDRF 代码#item1 的格式不正确（应为 字母 A–G 加 2、4 或 6 位数字） 请填写 字母 A–G 加 2、4 或 6 位数字',
    });
    expect(schemaIssues(schema, { severity: 'bad', imdrfCodes: [] }, 'zh-CN', named)).toEqual({ severity: '字段 伤害程度 的取值不在允许范围内 请从列表中选择' });
  });

  it('words the server’s field problems by label, over a `field` the server put in params, and keeps unknown paths', () => {
    const error = new ApiProblem({
      title: '提交的数据有误', status: 422, code: 'validation',
      errors: [
        { code: 'generic.too_small', path: 'receivedQuantity', message: '字段 receivedQuantity 小于允许的最小值 1', params: { minimum: 1 } },
        { code: 'ae_investigation.code_repeated', path: 'imdrfCodes.1', message: 'x', params: { imdrfCode: 'A0601', field: 'imdrfCodes' } },
        { code: 'generic.required', path: 'batch.lot', message: 'x' },
      ],
    });
    expect(serverIssues(error, 'zh-CN', lookup)).toEqual({
      receivedQuantity: '字段 实收数量 小于允许的最小值 1 请填写不小于 1 的值',
      'imdrfCodes.1': '调查 IMDRF 代码#item2：IMDRF 编码 A0601 重复列出 每个 IMDRF 编码只列一次',
      'batch.lot': '缺少必填字段 batch.lot 请填写 batch.lot',
    });
  });

  it('keeps every problem at one path, one per line, and a field gathers its members’ problems in order', () => {
    const error = new ApiProblem({
      title: 'x', status: 422, code: 'validation',
      errors: [
        { code: 'generic.required', path: 'batch.lot', message: 'x' },
        { code: 'generic.too_small', path: 'receivedQuantity', message: 'x', params: { minimum: 1 } },
        { code: 'generic.required', path: 'batch.lot', message: 'x' },
        { code: 'generic.too_big', path: 'receivedQuantity', message: 'x', params: { maximum: 9 } },
      ],
    });
    const issues = serverIssues(error, 'zh-CN', lookup);
    // The same problem twice is said once.
    expect(issues['batch.lot']).toBe('缺少必填字段 batch.lot 请填写 batch.lot');
    expect(issues.receivedQuantity?.split('\n')).toEqual(['字段 实收数量 小于允许的最小值 1 请填写不小于 1 的值', '字段 实收数量 超过允许的最大值 9 请填写不大于 9 的值']);
    expect(messageFor({ 'items.0': 'a', other: 'x', 'items.2': 'b', items: 'c', 'itemsX.1': 'y' }, 'items')).toBe('a\nb\nc');
    expect(messageFor({ other: 'x' }, 'items')).toBeUndefined();
    expect(joinMessages(undefined, 'a')).toBe('a');
    expect(joinMessages('a\nb', 'b')).toBe('a\nb');
  });
});
