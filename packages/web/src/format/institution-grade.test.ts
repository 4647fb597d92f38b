import { describe, expect, it } from 'vitest';
import { institutionGradeText } from './institution-grade.ts';

describe('institutionGradeText', () => {
  it('says Chinese hospital grades in English the customary way and leaves Chinese as stored', () => {
    expect(institutionGradeText('三级甲等', 'en')).toBe('Grade 3A');
    expect(institutionGradeText('二级乙等', 'en')).toBe('Grade 2B');
    expect(institutionGradeText('一级', 'en')).toBe('Grade 1');
    expect(institutionGradeText('未定级', 'en')).toBe('Ungraded');
    expect(institutionGradeText('专科', 'en')).toBe('专科');
    expect(institutionGradeText('三级甲等', 'zh-CN')).toBe('三级甲等');
    expect(institutionGradeText(null, 'en')).toBe('');
  });
});
