import type { InputHTMLAttributes } from 'react';
import { useI18n } from '../app/i18n';
import type { Lang } from '../app/messages';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value'> & {
  type?: 'date' | 'datetime-local';
  value: string;
};

/** A date (or date and time) as the page's language writes it: "2026年12月3日", "Dec 3, 2026". */
export function shownDate(value: string, lang: Lang, withTime = false): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(value);
  if (!m) return value;
  // Built from the parts, not parsed as UTC: the day typed is the day shown.
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0));
  return new Intl.DateTimeFormat(lang, withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' }).format(d);
}

/**
 * The browser's date input, shown in the page's language. Chromium lays out
 * `<input type="date">` by the browser's locale (mm/dd/yyyy on an English system) and ignores
 * `lang`, so a Chinese page showed an American date. The native input stays (its picker,
 * keyboard, form value and tests are unchanged); its own text is hidden and the value is
 * written over it in the page's format. `lang` is set too, for browsers that honour it.
 */
export function DateInput({ type = 'date', value, className, ...rest }: Props) {
  const { lang, t } = useI18n();
  const shown = value ? shownDate(value, lang, type === 'datetime-local') : t('common.chooseDate');
  return (
    <span className={`date-input${value ? '' : ' date-input-empty'}`}>
      <input {...rest} type={type} value={value} lang={lang} className={`date-input-native${className ? ` ${className}` : ''}`} />
      <span className="date-input-shown" aria-hidden="true" data-testid="date-input-shown">
        {shown}
      </span>
    </span>
  );
}
