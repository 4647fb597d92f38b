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

/** A region's names as the server stores them: Chinese, and English while the Chinese is the one it was romanised from. */
interface RegionNames { name: string; nameEn: string | null }

interface Waiter {
  resolve: (names: RegionNames | null) => void;
  reject: (error: unknown) => void;
}

let pending = new Map<string, Waiter[]>();
let timer: ReturnType<typeof setTimeout> | null = null;

/** Sends the gathered codes, `REGION_BATCH` to a request, and answers each waiter with its names (null: no current region). */
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
    api<ListAnswer<{ code: string; name: string; nameEn?: string | null }>>(`/api/regions?codes=${chunk.join(',')}&pageSize=${REGION_BATCH}`).then(
      (answer) => {
        const names = new Map(answer.items.map((r) => [r.code, { name: r.name, nameEn: r.nameEn ?? null }]));
        settle((w, code) => w.resolve(names.get(code) ?? null));
      },
      (error: unknown) => settle((w) => w.reject(error)),
    );
  }
}

/** One code's current names; the codes asked for within a few milliseconds share one request. */
function loadRegionName(code: string): Promise<RegionNames | null> {
  return new Promise((resolve, reject) => {
    const waiters = pending.get(code) ?? [];
    waiters.push({ resolve, reject });
    pending.set(code, waiters);
    timer ??= setTimeout(flush, GATHER_MS);
  });
}

/**
 * The names of GB/T 2260 codes in the UI language, as far as known yet: every code is cached on its
 * own, and the codes on screen (one per table cell, or a page's list at once) go out together as
 * one `GET /api/regions?codes=…`. Codes that are not 6 digits, unknown or withdrawn have no entry,
 * nor in English a code without an English name.
 */
export function useRegionNames(codes: readonly string[]): ReadonlyMap<string, string> {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
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
        const name = english ? r.data?.nameEn : r.data?.name;
        if (code && name) names.set(code, name);
      });
      return names;
    },
  });
}

/**
 * What a region reads as: its name in the UI language and its code, "西湖区 330106" / "Xihu District
 * 330106" (`name` as useRegionNames gives it for that language); the code alone while the name is
 * loading or unknown, except that a province reads by its conventional English name at once.
 */
export function regionLabel(code: string, name: string | null | undefined, english: boolean): string {
  if (name) return `${name} ${code}`;
  if (english) {
    const en = regionNameEn(code);
    return en === code ? code : `${en} ${code}`;
  }
  return code;
}

/** A region code shown with its name (see regionLabel); a missing code shows as "—". */
export function RegionName({ code }: { code: string | null | undefined }) {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  const names = useRegionNames(code ? [code] : []);
  if (!code) return <>—</>;
  return <span data-region={code}>{regionLabel(code, names.get(code), english)}</span>;
}
