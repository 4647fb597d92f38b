import { readFileSync } from 'node:fs';

// Test-only helpers: read the repo's copy of the signal conformance files (node:fs is allowed in tests).
const base = new URL('../../../../conformance/signal/', import.meta.url);

/** Parses the quoted CSV that R's write.csv produces (no embedded newlines). */
export function parseCsv(text: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const split = (line: string): string[] => {
    const cells: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        cells.push(cur);
        cur = '';
      } else cur += ch;
    }
    cells.push(cur);
    return cells;
  };
  const [head = '', ...rest] = lines;
  const header = split(head);
  return rest.map((line) => {
    const cells = split(line);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

export function readConformanceCsv(name: string): Record<string, string>[] {
  return parseCsv(readFileSync(new URL(name, base), 'utf8'));
}

export function readExpectedValues(): {
  openEBGM: { cases: { id: string; [key: string]: unknown }[] };
  pharmsignal: { cases: { id: string; [key: string]: unknown }[] };
} {
  return JSON.parse(readFileSync(new URL('expected_values.json', base), 'utf8'));
}
