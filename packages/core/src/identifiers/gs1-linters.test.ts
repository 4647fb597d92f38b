import { afterAll, describe, expect, it } from 'vitest';
import { readConformance, SkipLedger } from './conformance.test-helpers.ts';
import { lintComponent, UNSUPPORTED_LINTERS } from './gs1-linters.ts';

interface LinterCase {
  linter: string;
  input: string;
  valid: boolean;
  expected_error?: string;
  expected_highlight?: string;
  source: { line: number };
}

const { cases } = readConformance<{ cases: LinterCase[] }>('gs1/linter-cases.json');
const ledger = new SkipLedger();

function highlight(input: string, start: number, length: number): string {
  return `${input.slice(0, start)}*${input.slice(start, start + length)}*${input.slice(start + length)}`;
}

describe('GS1 syntax dictionary linters (conformance/gs1/linter-cases.json)', () => {
  const failures: string[] = [];
  it('runs every applicable case', () => {
    for (const c of cases) {
      if (UNSUPPORTED_LINTERS.has(c.linter)) {
        ledger.skip(
          c.linter.startsWith('coupon')
            ? `linter "${c.linter}": North American coupon rules, not used for device UDI`
            : `linter "${c.linter}": needs an ISO / UN/ECE reference list we do not carry`,
        );
        continue;
      }
      if (c.expected_error === 'GS1_LINTER_GCP_DATASOURCE_OFFLINE' || c.expected_error === 'GS1_LINTER_INVALID_GCP_PREFIX') {
        ledger.skip('GS1 Company Prefix checks need an external GCP data source');
        continue;
      }
      const got = lintComponent(c.linter, c.input);
      if (c.valid) {
        if (got) failures.push(`${c.linter} ${JSON.stringify(c.input)} expected pass, got ${got.error}`);
        else ledger.passed++;
        continue;
      }
      if (!got) {
        failures.push(`${c.linter} ${JSON.stringify(c.input)} expected ${c.expected_error}, got pass`);
        continue;
      }
      const mark = highlight(c.input, got.start, got.length);
      if (got.error !== c.expected_error || mark !== c.expected_highlight) {
        failures.push(`${c.linter} ${JSON.stringify(c.input)} expected ${c.expected_error} ${c.expected_highlight}, got ${got.error} ${mark}`);
      } else ledger.passed++;
    }
    expect(failures).toEqual([]);
    expect(ledger.passed + ledger.skipped).toBe(cases.length);
  });
  afterAll(() => console.log(ledger.summary('linter-cases.json')));
});
