import { useI18n } from '../../app/i18n';
import type { WarningLevel } from '../../app/enums';
import { CAUTION_REASONS, type PlanStatus, type ProposalKind } from './types';

export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  const { label } = useI18n();
  return (
    <span
      className={`badge plan-status status-${status.toLowerCase().replace('_', '-')}`}
      data-testid="plan-status"
      data-status={status}
    >
      {label('PlanStatus', status)}
    </span>
  );
}

export function KindBadge({ kind }: { kind: ProposalKind }) {
  const { label } = useI18n();
  return <span className={`badge kind kind-${kind.toLowerCase().replace('_', '-')}`}>{label('ProposalKind', kind)}</span>;
}

/** The reason codes of a pairing, translated; compromises (language, sex mismatch) in amber. */
export function ReasonChips({ reasons }: { reasons: string[] }) {
  const { label, t } = useI18n();
  if (reasons.length === 0) return <span className="muted">{t('common.none')}</span>;
  return (
    <span className="chips" data-testid="reason-chips">
      {reasons.map((r) => (
        <span
          key={r}
          className={`chip reason${CAUTION_REASONS.has(r) ? ' reason-caution' : ''}`}
          data-code={r}
          title={label('PairingReasonLong', r)}
        >
          {label('PairingReason', r)}
        </span>
      ))}
    </span>
  );
}

/** A household as a small dot in its warning colour (the board's household chips). */
export function WarningDot({ level, title }: { level: WarningLevel; title: string }) {
  return <span className={`wdot wdot-${level.toLowerCase()}`} data-level={level} title={title} aria-label={title} />;
}
