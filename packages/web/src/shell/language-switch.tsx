import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../i18n/i18n.ts';

/** One click between 中文 and English; the button names the language it switches to. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'en' ? 'zh-CN' : 'en';
  return (
    <Button type="text" aria-label={t('lang.switchLabel')} lang={next} onClick={() => void changeLanguage(next)} data-testid="language-switch">
      {t('lang.switch')}
    </Button>
  );
}
