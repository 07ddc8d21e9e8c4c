// One anonymous need card: kind, amount, urgency, due day, village, size band, tier, causes, story.
import type { ReactNode } from 'react';
import { useI18n } from '../../app/i18n';
import { CauseChips, TierBadge } from '../../components/Badges';
import type { NeedCardFragment } from '../../graphql/graphql';

export function NeedCardView({ need, dueOn, children }: { need: NeedCardFragment; dueOn?: string | null; children?: ReactNode }) {
  const { t, label, number } = useI18n();
  return (
    <article className={`need-card need-card-${need.urgency.toLowerCase()}`} data-testid="need-card">
      <header className="need-card-head">
        <strong>{label('NeedKind', need.kind)}</strong>
        <span className="need-amount">{t('market.cost', { amount: number(need.estimatedCost) })}</span>
      </header>
      <p className="need-meta">
        <span className={`urgency urgency-${need.urgency.toLowerCase()}`}>{label('Urgency', need.urgency)}</span>
        {dueOn && <span>{t('market.due_on', { date: dueOn })}</span>}
        <span>
          {need.township?.name ?? ''} {need.village?.name ?? ''}
        </span>
        <span>{t('market.householdSize', { band: need.sizeBand })}</span>
        <TierBadge tier={need.tier} />
      </p>
      <CauseChips causes={need.causes} />
      <p className="need-story">{need.description}</p>
      {children}
    </article>
  );
}
