import { fireEvent, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../i18n/i18n.ts';
import { renderWithProviders } from '../test/render.tsx';
import { ScanBox } from './scan-box.tsx';

const HIP = { di: '06990001001905', lot: 'HJ03101', serial: 'HJ031010001' };

function type(text: string) {
  fireEvent.change(screen.getByRole('searchbox', { name: 'UDI 或标签内容' }), { target: { value: text } });
}

describe('ScanBox', () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });

  it.each([
    ['bracketed GS1', '(01)06990001001905(10)HJ03101(21)HJ031010001', '括号元素串'],
    ['GS1 without brackets (GS separated)', '010699000100190510HJ03101\u001d21HJ031010001', '元素串'],
    ['Digital Link', 'https://id.gs1.org/01/06990001001905/10/HJ03101/21/HJ031010001', 'GS1 数字链接'],
    ['EPC URN', 'urn:epc:id:sgtin:6990001.000190.HJ031010001', 'EPC URN'],
  ])('reads %s into agency, DI, lot and serial as it is typed', (_name, text, form) => {
    renderWithProviders(<ScanBox onSubmit={() => undefined} />);
    type(text);
    expect(screen.getByTestId('udi-parse').textContent).toContain('GS1');
    expect(screen.getByTestId('parse-di').textContent).toBe(HIP.di);
    expect(screen.getByTestId('parse-serial').textContent).toBe(HIP.serial);
    expect(screen.getByTestId('udi-parse').textContent).toContain(form);
    if (!text.startsWith('urn:')) expect(screen.getByTestId('parse-lot').textContent).toBe(HIP.lot);
  });

  it('reads an HIBC label with its lot, serial and dates', () => {
    renderWithProviders(<ScanBox onSubmit={() => undefined} />);
    type('+A99912345/$$52001510X3/16D20111212/S77DEFG457');
    const parse = screen.getByTestId('udi-parse').textContent ?? '';
    expect(parse).toContain('HIBCC');
    expect(parse).toContain('2011-12-12');
    expect(screen.getByTestId('parse-lot').textContent).toBe('10X3');
    expect(screen.getByTestId('parse-serial').textContent).toBe('77DEFG45');
  });

  it('says when a label cannot be read, with the reason from the shared catalogue', () => {
    renderWithProviders(<ScanBox onSubmit={() => undefined} />);
    type('(01)06990001001906(21)X');
    expect(screen.queryByTestId('udi-parse')).toBeNull();
    expect(screen.getByTestId('parse-error').textContent).toContain('无法识别此标签');
  });

  it('submits the trimmed text on Enter', () => {
    const onSubmit = vi.fn();
    renderWithProviders(<ScanBox onSubmit={onSubmit} />);
    type('  (01)06990001001905(10)HJ03101  ');
    fireEvent.keyDown(screen.getByRole('searchbox'), { key: 'Enter', code: 'Enter', keyCode: 13 });
    expect(onSubmit).toHaveBeenCalledWith('(01)06990001001905(10)HJ03101');
  });
});
