import { readFileSync } from 'node:fs';

/** Reads a JSON file from the repo's conformance/ folder (tests only). */
export function readConformance<T>(relative: string): T {
  const url = new URL(`../../../../conformance/${relative}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as T;
}

/** Counts skipped conformance cases by reason so the totals can be asserted and reported. */
export class SkipLedger {
  readonly reasons = new Map<string, number>();
  passed = 0;
  skip(reason: string): void {
    this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + 1);
  }
  get skipped(): number {
    return [...this.reasons.values()].reduce((a, b) => a + b, 0);
  }
  summary(name: string): string {
    const lines = [...this.reasons].map(([r, n]) => `    skipped ${n}: ${r}`);
    return [`${name}: passed ${this.passed}, skipped ${this.skipped}`, ...lines].join('\n');
  }
}
