// What the form shows once the visit is saved: the next follow-up, the alerts it resolved.
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { formatDay } from '../../app/time';
import { MY_DAY_ROLES, hasRole } from '../../app/roles';
import type { SavedVisit } from './VisitForm';

export function VisitSaved({
  saved,
  householdId,
  onAnother,
}: {
  saved: SavedVisit;
  householdId: string | null;
  onAnother: () => void;
}) {
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const [search] = useSearchParams();
  const fromRound = search.get('from') === 'round';
  const householdHref = householdId ? `/households/${encodeURIComponent(householdId)}#timeline` : '/households';
  return (
    <div className="notice notice-success visit-saved" role="status" data-testid="visit-saved">
      <p className="visit-saved-title">✓ {t('visit.saved')}</p>
      {saved.match.followUpDue && (
        <p data-testid="visit-saved-follow-up">
          {t('visit.savedFollowUp', { date: formatDay(saved.match.followUpDue, lang) })}
        </p>
      )}
      {saved.resolvedAlertIds.length > 0 && (
        <p data-testid="visit-saved-alerts">{t('visit.savedAlerts', { count: saved.resolvedAlertIds.length })}</p>
      )}
      {saved.reportersTold > 0 && <p>{t('visit.savedReporters', { count: saved.reportersTold })}</p>}
      <div className="visit-saved-actions">
        <Link to={householdHref} className="big-button" data-testid="visit-view-timeline">
          {t('visit.viewTimeline')}
        </Link>
        {fromRound && (
          <Link to="/my-round" className="big-button" data-testid="visit-back-to-round">
            {t('roundStop.backToRound')}
          </Link>
        )}
        {hasRole(user, MY_DAY_ROLES) && (
          <Link to="/my-day" className="big-button secondary" data-testid="visit-back-to-day">
            {t('visit.backToDay')}
          </Link>
        )}
        <button
          type="button"
          className="link"
          onClick={onAnother}
        >
          {t('visit.another')}
        </button>
      </div>
    </div>
  );
}
