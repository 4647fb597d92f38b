import { describe, expect, it } from 'vitest';
import { readConformanceCsv } from './conformance.test-support.ts';
import { disproportionality } from './disproportionality.ts';
import { CAERS_THETA_HAT } from './mgps-prior.ts';

describe('disproportionality', () => {
  const reports = readConformanceCsv('openEBGM/caers.csv').map((r) => ({ id: r['id'] ?? '', product: r['var1'] ?? '', event: r['var2'] ?? '' }));
  const reference = new Map(readConformanceCsv('openEBGM/caers_unstratified_reference_scores.csv').map((r) => [`${r['var1']}\u0000${r['var2']}`, r]));

  it('scores CAERS with the documented prior like openEBGM', () => {
    const result = disproportionality({ reports }, { prior: CAERS_THETA_HAT });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.value.priorSource).toBe('given');
    expect(result.value.pairs).toHaveLength(17189);
    let worst = 0;
    for (const p of result.value.pairs) {
      const r = reference.get(`${p.product}\u0000${p.event}`);
      worst = Math.max(worst, Math.abs(p.ebgm - Number(r?.['EBGM'])), Math.abs(p.eb05 - Number(r?.['QUANT_05'])), Math.abs(p.eb95 - Number(r?.['QUANT_95'])));
      expect(p.rr).toBeCloseTo(Number(r?.['RR']), 6);
    }
    expect(worst).toBeLessThan(1e-7);
    const first = result.value.pairs.find((p) => p.product === '11 UNSPECIFIED VITAMINS' && p.event === 'CARDIAC FUNCTION TEST');
    expect(first?.prr).toBe(Number.POSITIVE_INFINITY);
  });

  it('fits the prior when none is given and stays within 0.01 of the reference scores', () => {
    const result = disproportionality({ reports });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.value.priorSource).toBe('fitted');
    expect(result.value.fit?.consistent).toBe(true);
    let worst = 0;
    for (const p of result.value.pairs) {
      const r = reference.get(`${p.product}\u0000${p.event}`);
      worst = Math.max(worst, Math.abs(p.ebgm - Number(r?.['EBGM'])), Math.abs(p.eb05 - Number(r?.['QUANT_05'])), Math.abs(p.eb95 - Number(r?.['QUANT_95'])));
    }
    console.info(`fitted prior ${JSON.stringify(result.value.prior)}; max |Δ| EBGM/EB05/EB95 vs reference ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(0.01);
  });

  it('accepts a count table and returns every measure', () => {
    const result = disproportionality(
      {
        counts: [
          { product: 'P', event: 'E', n: 28 },
          { product: 'P', event: 'other', n: 942 },
          { product: 'Q', event: 'E', n: 17 },
          { product: 'Q', event: 'other', n: 31435 },
        ],
      },
      { prior: CAERS_THETA_HAT },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const pe = result.value.pairs.find((p) => p.product === 'P' && p.event === 'E');
    expect(pe?.prr).toBeCloseTo(53.405457853, 7);
    expect(pe?.ror).toBeCloseTo(54.963157237, 7);
    expect(pe?.chiSquare).toBeCloseTo(524.4647353722198, 8);
    expect(pe?.ic025).toBeLessThan(pe?.ic ?? 0);
    expect(pe?.eb05).toBeLessThan(pe?.ebgm ?? 0);
  });

  it('reports invalid input as issues with paths', () => {
    const bad = disproportionality({ counts: [{ product: '', event: 'E', n: -1 }] }, { prior: { ...CAERS_THETA_HAT, p: 2 } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues.map((i) => [i.code, i.path])).toEqual([
      ['stats.text_invalid', ['counts', 0, 'product']],
      ['stats.count_invalid', ['counts', 0, 'n']],
      ['stats.prior_invalid', ['prior', 'p']],
    ]);
    const empty = disproportionality({ reports: [] });
    expect(empty.ok).toBe(false);
  });
});
