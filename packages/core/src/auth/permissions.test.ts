import { describe, expect, it } from 'vitest';
import { PERMISSIONS, roleMay } from './permissions.ts';

describe('roleMay', () => {
  it('answers from the permission table the server enforces', () => {
    expect(roleMay('agency', 'products.read')).toBe(true);
    expect(roleMay('agency', 'product_dossiers.read')).toBe(false);
    expect(roleMay('agency', 'trace.read')).toBe(false);
    expect(roleMay('institution', 'dossiers.read')).toBe(false);
    expect(roleMay('regulator', 'dossiers.read')).toBe(true);
    expect(roleMay('', 'products.read')).toBe(false);
  });

  it('keeps the three administrators out of business data (三员分立)', () => {
    for (const admin of ['sysadmin', 'secadmin', 'auditadmin']) {
      for (const p of ['trace.read', 'adverse_events.read', 'dossiers.read'] as const) if (p in PERMISSIONS) expect(roleMay(admin, p)).toBe(false);
    }
  });
});
