// Test-only helpers to read the conformance copy at the repository root (conformance/epcis/).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const conformanceRoot = fileURLToPath(new URL('../../../../conformance/epcis/', import.meta.url));

export function readConformance(relative: string): string {
  return readFileSync(conformanceRoot + relative, 'utf8');
}

export function conformanceExists(relative: string): boolean {
  return existsSync(conformanceRoot + relative);
}

export function listConformance(relative: string): string[] {
  return readdirSync(conformanceRoot + relative).sort();
}

export function lines(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => l.trim() !== '');
}
