import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/client.ts';
import { setDayjsLocale } from '../format/time.ts';
import { registerCatalogues } from '@lianjian/core/locales/format';
import { zhCN } from './zh-CN.ts';

export type UiLanguage = 'zh-CN' | 'en';
const STORAGE_KEY = 'lianjian.language';

function storedLanguage(): UiLanguage {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** zh-CN first; the choice is remembered in this browser. */
export const i18n = i18next.createInstance();
const initial = storedLanguage();
void i18n.use(initReactI18next).init({
  // English (the interface's words and core's message catalogue) loads when it is chosen: the first
  // page stays under its JavaScript budget (issue 6) and most users never switch.
  resources: { 'zh-CN': { translation: zhCN } },
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false,
});
setApiLanguage('zh-CN');
setDayjsLocale('zh-CN');

let english: Promise<void> | null = null;
/** Loads the English words once (both the interface's and core's), before English is switched on. */
function loadEnglish(): Promise<void> {
  english ??= Promise.all([import('./en.ts'), import('@lianjian/core/locales/en/index')]).then(([ui, core]) => {
    i18n.addResourceBundle('en', 'translation', ui.en);
    registerCatalogues('en', core);
  });
  return english;
}

/** Settles once the remembered language is ready to render (at once for zh-CN). */
export const languageReady: Promise<void> = initial === 'en' ? changeLanguage('en') : Promise.resolve();

/** Switches every layer at once: i18next, the API's Accept-Language, dayjs, <html lang>. antd follows through ConfigProvider. */
export async function changeLanguage(lang: UiLanguage): Promise<void> {
  setApiLanguage(lang);
  setDayjsLocale(lang);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  if (lang === 'en') await loadEnglish();
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  await i18n.changeLanguage(lang);
}

export function currentLanguage(): UiLanguage {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}
