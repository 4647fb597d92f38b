import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type ListAnswer } from '../api/client.ts';
import { regionNameEn } from '../format/region-names-en.ts';

/** At most this many codes per `GET /api/regions?codes=` (the server's limit). */
export const REGION_BATCH = 200;
/** How long the codes asked for by one render are gathered before they go out as one request. */
const GATHER_MS = 10;
/** Region names change with a GB/T 2260 revision, not while a page is open. */
const STALE_MS = 6 * 60 * 60 * 1000;

interface Waiter {
  resolve: (name: string | null) => void;
  reject: (error: unknown) => void;
}

let pending = new Map<string, Waiter[]>();
let timer: ReturnType<typeof setTimeout> | null = null;

/** Sends the gathered codes, `REGION_BATCH` to a request, and answers each waiter with its name (null: no current region). */
function flush(): void {
  timer = null;
  const batch = pending;
  pending = new Map();
  const codes = [...batch.keys()].sort();
  for (let i = 0; i < codes.length; i += REGION_BATCH) {
    const chunk = codes.slice(i, i + REGION_BATCH);
    const settle = (each: (w: Waiter, code: string) => void) => {
      for (const code of chunk) for (const w of batch.get(code) ?? []) each(w, code);
    };
    api<ListAnswer<{ code: string; name: string }>>(`/api/regions?codes=${chunk.join(',')}&pageSize=${REGION_BATCH}`).then(
      (answer) => {
        const names = new Map(answer.items.map((r) => [r.code, r.name]));
        settle((w, code) => w.resolve(names.get(code) ?? null));
      },
      (error: unknown) => settle((w) => w.reject(error)),
    );
  }
}

/** One code's current name; the codes asked for within a few milliseconds share one request. */
function loadRegionName(code: string): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const waiters = pending.get(code) ?? [];
    waiters.push({ resolve, reject });
    pending.set(code, waiters);
    timer ??= setTimeout(flush, GATHER_MS);
  });
}

/**
 * The stored (Chinese) names of GB/T 2260 codes, as far as known yet: every code is cached on its
 * own, and the codes on screen (one per table cell, or a page's list at once) go out together as
 * one `GET /api/regions?codes=…`. Codes that are not 6 digits, unknown or withdrawn have no entry.
 */
export function useRegionNames(codes: readonly string[]): ReadonlyMap<string, string> {
  const distinct = [...new Set(codes.filter((c) => /^\d{6}$/.test(c)))];
  return useQueries({
    queries: distinct.map((code) => ({
      queryKey: ['region-name', code],
      queryFn: () => loadRegionName(code),
      staleTime: STALE_MS,
      gcTime: STALE_MS,
      retry: false,
    })),
    combine: (results) => {
      const names = new Map<string, string>();
      results.forEach((r, i) => {
        const code = distinct[i];
        if (code && r.data) names.set(code, r.data);
      });
      return names;
    },
  });
}

/**
 * What a region reads as: "西湖区 330106" in Chinese (the code alone while the name is loading or
 * unknown); in English the province's English name and code ("Zhejiang 330000"), and below province
 * level the code alone, as no English city table ships with the app (see region-names-en.ts).
 */
export function regionLabel(code: string, name: string | null | undefined, english: boolean): string {
  if (english) {
    const en = regionNameEn(code);
    return en === code ? code : `${en} ${code}`;
  }
  return name ? `${name} ${code}` : code;
}

/** A region code shown with its name (see regionLabel); a missing code shows as "—". */
export function RegionName({ code }: { code: string | null | undefined }) {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  const names = useRegionNames(code && !english ? [code] : []);
  if (!code) return <>—</>;
  return <span data-region={code}>{regionLabel(code, names.get(code), english)}</span>;
}
