import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import {
  DEFAULT_LANG,
  LANGS,
  enumLabel,
  translate,
  type EnumName,
  type Lang,
  type MessageKey,
} from './messages';

export const LANG_STORAGE_KEY = 'bangfu.lang';

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  toggleLang: () => void;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  label: (name: EnumName, value: string | null | undefined) => string;
  number: (value: number, fractionDigits?: number) => string;
  /**
   * An ISO date-time as a short date and time in the service's zone (China's, once the
   * server has said so: `setZone`); invalid input is shown as it comes.
   */
  dateTime: (iso: string | null | undefined) => string;
  /** The IANA zone times are told in; until set, the browser's. */
  setZone: (zone: string) => void;
}

function storedLang(): Lang {
  try {
    const value = localStorage.getItem(LANG_STORAGE_KEY);
    if (value && (LANGS as readonly string[]).includes(value)) return value as Lang;
  } catch {
    // localStorage may be unavailable (privacy mode); fall back to Chinese.
  }
  return DEFAULT_LANG;
}

export function makeI18n(
  lang: Lang,
  setLang: (lang: Lang) => void = () => {},
  zone?: string,
  setZone: (zone: string) => void = () => {},
): I18n {
  const numberFormats = new Map<number, Intl.NumberFormat>();
  const timeFormat = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
  return {
    lang,
    setLang,
    setZone,
    toggleLang: () => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN'),
    t: (key, params) => translate(lang, key, params),
    label: (name, value) => (value == null ? translate(lang, 'common.none') : enumLabel(name, value, lang)),
    number: (value, fractionDigits = 0) => {
      let fmt = numberFormats.get(fractionDigits);
      if (!fmt) {
        fmt = new Intl.NumberFormat(lang, {
          minimumFractionDigits: fractionDigits,
          maximumFractionDigits: fractionDigits,
        });
        numberFormats.set(fractionDigits, fmt);
      }
      return fmt.format(value);
    },
    dateTime: (iso) => {
      if (!iso) return translate(lang, 'common.none');
      const d = new Date(iso);
      if (Number.isNaN(d.getTime())) return iso;
      return timeFormat.format(d);
    },
  };
}

const I18nContext = createContext<I18n>(makeI18n(DEFAULT_LANG));

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => initial ?? storedLang());
  const [zone, setZone] = useState<string | undefined>(undefined);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(LANG_STORAGE_KEY, next);
    } catch {
      // not remembered; still switched for this page
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const value = useMemo(() => makeI18n(lang, setLang, zone, setZone), [lang, setLang, zone]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
