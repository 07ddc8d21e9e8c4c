import { useI18n } from '../app/i18n';
import type { Cause, DibaoClass, SpecialGroup, Tier, WarningLevel } from '../app/enums';
import { vocabularyLabel } from '../app/vocabulary';

export function WarningBadge({ level }: { level: WarningLevel }) {
  const { label } = useI18n();
  return (
    <span
      className={`badge warning warning-${level.toLowerCase()}`}
      data-testid="warning-badge"
      data-level={level}
    >
      {level !== 'NONE' && <span className="dot" aria-hidden="true" />}
      {label('WarningLevel', level)}
    </span>
  );
}

export function TierBadge({ tier }: { tier: Tier }) {
  const { label } = useI18n();
  return <span className={`badge tier tier-${tier.toLowerCase()}`}>{label('Tier', tier)}</span>;
}

export function ClassBadge({ dibaoClass, long = false }: { dibaoClass: DibaoClass | null; long?: boolean }) {
  const { label, t } = useI18n();
  if (!dibaoClass) return <span className="muted">{t('common.none')}</span>;
  const text = label('DibaoClass', dibaoClass);
  return (
    <span className={`badge class class-${dibaoClass.toLowerCase()}`} title={text}>
      {long ? text : dibaoClass}
    </span>
  );
}

export function CauseChips({ causes }: { causes: Cause[] }) {
  const { label, t } = useI18n();
  if (causes.length === 0) return <span className="muted">{t('common.none')}</span>;
  return (
    <span className="chips">
      {causes.map((c) => (
        <span key={c} className="chip">
          {label('Cause', c)}
        </span>
      ))}
    </span>
  );
}

export function GroupChips({ groups }: { groups: SpecialGroup[] }) {
  const { label, t } = useI18n();
  if (groups.length === 0) return <span className="muted">{t('common.none')}</span>;
  return (
    <span className="chips">
      {groups.map((g) => (
        <span key={g} className="chip chip-group">
          {label('SpecialGroup', g)}
        </span>
      ))}
    </span>
  );
}

/** Chips of plain strings; a skill or language code shows as its name. */
export function TextChips({ items }: { items: string[] }) {
  const { t, lang } = useI18n();
  if (items.length === 0) return <span className="muted">{t('common.none')}</span>;
  return (
    <span className="chips">
      {items.map((s) => (
        <span key={s} className="chip" data-code={s}>
          {vocabularyLabel(s, lang)}
        </span>
      ))}
    </span>
  );
}
