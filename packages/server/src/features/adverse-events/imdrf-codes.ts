import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFORMANCE_DIR } from '../../paths.ts';

/** The IMDRF AET code list reports are checked against (Annexes A, E, F; see conformance/imdrf/README.md). */
export const IMDRF_CODES_FILE = join(CONFORMANCE_DIR, 'imdrf/codes-aef.tsv');

let codes: ReadonlySet<string> | undefined;

/** The known codes (any release), read once from the TSV's `code` column. */
export function imdrfCodes(): ReadonlySet<string> {
  if (!codes) {
    const lines = readFileSync(IMDRF_CODES_FILE, 'utf8').split(/\r?\n/);
    const header = (lines[0] ?? '').split('\t');
    const column = header.indexOf('code');
    if (column < 0) throw new Error(`${IMDRF_CODES_FILE}: no "code" column`);
    codes = new Set(lines.slice(1).map((l) => l.split('\t')[column] ?? '').filter((c) => c !== ''));
  }
  return codes;
}
