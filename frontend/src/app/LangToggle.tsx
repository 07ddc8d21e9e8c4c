import { useI18n } from './i18n';

/** 中文 / EN switch; the choice is remembered in localStorage. */
export function LangToggle() {
  const { t, toggleLang, lang } = useI18n();
  return (
    <button
      type="button"
      className="lang-toggle"
      onClick={toggleLang}
      title={t('lang.switchTitle')}
      lang={lang === 'zh-CN' ? 'en' : 'zh-CN'}
      data-testid="lang-toggle"
    >
      {t('lang.switch')}
    </button>
  );
}
