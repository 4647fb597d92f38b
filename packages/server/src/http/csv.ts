import type { FastifyReply } from 'fastify';

/** RFC 4180 field quoting. Cells that start with = + - @ are prefixed with ' so spreadsheets do not run them as formulas. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''; // -0.53 is a number, not a formula
  let text = value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join(';') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => unknown;
}

/** Renders rows as CSV with a UTF-8 BOM, so Excel on a Chinese Windows opens the Chinese text correctly. */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const lines = [columns.map((c) => cell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function sendCsv<T>(reply: FastifyReply, filename: string, rows: readonly T[], columns: readonly CsvColumn<T>[]): FastifyReply {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}.csv"`)
    .send(toCsv(rows, columns));
}
