import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rootElementName, validateEpcisXsd } from './epcis-xsd.ts';

const base = new URL('../../../../../conformance/epcis/', import.meta.url);
const read = (file: string): string => readFileSync(new URL(file, base), 'utf8');

// One line per example: file, validator, result (see conformance/epcis/README.md).
const rows = read('validation-results.tsv')
  .split('\n')
  .slice(1)
  .map((l) => l.split('\t'))
  .filter((r) => (r[1] ?? '').startsWith('xmllint'));

describe('validateEpcisXsd against the GS1 examples', () => {
  it('covers the 60 XML examples the reference xmllint run checked (46 valid, 14 invalid)', () => {
    expect(rows.length).toBe(60);
    expect(rows.filter((r) => r[2] === 'VALID')).toHaveLength(46);
  });

  it.each(rows.map((r) => [r[0] ?? '', r[2] ?? '']))('%s is %s', async (file, expected) => {
    const issues = await validateEpcisXsd(read(file));
    if (expected === 'VALID') expect(issues).toEqual([]);
    else {
      expect(issues.length).toBeGreaterThan(0);
      expect(issues[0]).toMatchObject({ code: 'epcis.xsd', params: { line: expect.any(Number) } });
    }
  });

  it('rejects a document with an unknown root', async () => {
    expect(await validateEpcisXsd(read('XML/CaptureJob/Example-CaptureJobRunning.xml'))).toEqual([
      { code: 'epcis.xsd_unknown_root', path: [], params: { root: 'EPCISCaptureJob' } },
    ]);
  });

  it('finds the root element behind the declaration and comments', () => {
    expect(rootElementName('<?xml version="1.0"?>\n<!-- x --><epcis:EPCISDocument xmlns:epcis="u">')).toBe('EPCISDocument');
  });
});
