import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/client.ts';
import { setDayjsLocale } from '../format/time.ts';
import { en } from './en.ts';
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
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false,
});
setApiLanguage(initial);
setDayjsLocale(initial);

/** Switches every layer at once: i18next, the API's Accept-Language, dayjs, <html lang>. antd follows through ConfigProvider. */
export async function changeLanguage(lang: UiLanguage): Promise<void> {
  setApiLanguage(lang);
  setDayjsLocale(lang);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  await i18n.changeLanguage(lang);
}

export function currentLanguage(): UiLanguage {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}
