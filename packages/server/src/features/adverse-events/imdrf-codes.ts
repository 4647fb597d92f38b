import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFORMANCE_DIR } from '../../paths.ts';

/** The IMDRF AET code list reports are checked against (Annexes A, E, F; see conformance/imdrf/README.md). */
export const IMDRF_CODES_FILE = join(CONFORMANCE_DIR, 'imdrf/codes-aef.tsv');
/** The codes of the registrant's investigation: Annex C (findings) and D (conclusions). */
export const IMDRF_INVESTIGATION_CODES_FILE = join(CONFORMANCE_DIR, 'imdrf/codes-cd.tsv');

const loaded = new Map<string, ReadonlySet<string>>();

/** The `code` column of one of the TSV lists (any release), read once. */
function codesOf(file: string): ReadonlySet<string> {
  let codes = loaded.get(file);
  if (!codes) {
    const lines = readFileSync(file, 'utf8').split(/\r?\n/);
    const header = (lines[0] ?? '').split('\t');
    const column = header.indexOf('code');
    if (column < 0) throw new Error(`${file}: no "code" column`);
    codes = new Set(lines.slice(1).map((l) => l.split('\t')[column] ?? '').filter((c) => c !== ''));
    loaded.set(file, codes);
  }
  return codes;
}

/** The known report codes (Annexes A, E, F). */
export function imdrfCodes(): ReadonlySet<string> {
  return codesOf(IMDRF_CODES_FILE);
}

/** The known investigation codes (Annexes C, D). */
export function imdrfInvestigationCodes(): ReadonlySet<string> {
  return codesOf(IMDRF_INVESTIGATION_CODES_FILE);
}
