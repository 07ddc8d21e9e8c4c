import { useEffect, useMemo, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { timelineText } from '../../app/serverText';
import { MATCH_ROLES, hasRole } from '../../app/roles';
import { TIMELINE_KINDS, type TimelineKind } from '../../app/enums';
import { useNow } from '../../components/Due';
import { Loading, QueryError } from '../../components/QueryState';
import { TIMELINE_QUERY } from './households.graphql';
import type { HouseholdTimelineQuery } from '../../graphql/graphql';

/** An entry of a household's timeline (query HouseholdTimeline). */
export type TimelineItem = NonNullable<HouseholdTimelineQuery['householdTimeline']>[number];

/** How the timeline draws each kind: a one-character mark and a colour group. */
export const TIMELINE_STYLE: Record<TimelineKind, { mark: string; group: string }> = {
  EVENT: { mark: '事', group: 'event' },
  INTAKE: { mark: '首', group: 'match-muted' },
  ALERT_RAISED: { mark: '警', group: 'alert' },
  ALERT_RESOLVED: { mark: '销', group: 'resolved' },
  MATCH_PROPOSED: { mark: '拟', group: 'match-muted' },
  MATCH_ACTIVATED: { mark: '配', group: 'match' },
  MATCH_REJECTED: { mark: '否', group: 'match-muted' },
  MATCH_TRANSFERRED: { mark: '移', group: 'match' },
  MATCH_CLOSED: { mark: '结', group: 'match' },
  TRANSITION_ENDS: { mark: '退', group: 'match-muted' },
  VISIT: { mark: '访', group: 'visit' },
  FOLLOW_UP_DUE: { mark: '跟', group: 'follow-up' },
  ESCALATION: { mark: '催', group: 'escalation' },
  NEED_REPORTED: { mark: '需', group: 'need' },
  NEED_STATUS_CHANGED: { mark: '需', group: 'need' },
  CARE_TASK_DONE: { mark: '志', group: 'visit' },
  JOB_OUTCOME: { mark: '岗', group: 'need' },
  REFERRAL_SENT: { mark: '转', group: 'match' },
  REFERRAL_ANSWERED: { mark: '转', group: 'match' },
  CONFERENCE_CONVENED: { mark: '会', group: 'match-muted' },
  CONFERENCE_HELD: { mark: '会', group: 'match' },
  DECISION_DUE: { mark: '办', group: 'follow-up' },
  DECISION_DONE: { mark: '办', group: 'visit' },
};

export type TimelineOrder = 'newest' | 'oldest';

/**
 * In time order (newest or oldest first); items at the same instant keep the server's kind
 * order (an event before the alert it raised), whichever way the list runs.
 */
export function sortTimeline(items: readonly TimelineItem[], order: TimelineOrder): TimelineItem[] {
  const time = (i: TimelineItem) => {
    const ms = new Date(i.at).getTime();
    return Number.isNaN(ms) ? 0 : ms;
  };
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => {
      const d = time(a.item) - time(b.item);
      if (d !== 0) return order === 'newest' ? -d : d;
      const k = TIMELINE_KINDS.indexOf(a.item.kind) - TIMELINE_KINDS.indexOf(b.item.kind);
      return k !== 0 ? k : a.index - b.index;
    })
    .map(({ item }) => item);
}

/** The number of entries shown before "show all". */
export const TIMELINE_SHOWN = 40;

export function HouseholdTimeline({ householdId }: { householdId: string }) {
  const { t } = useI18n();
  const [order, setOrder] = useState<TimelineOrder>('newest');
  const [all, setAll] = useState(false);
  const { user } = useAuth();
  const allowed = hasRole(user, MATCH_ROLES);
  const [{ data, error, fetching }] = useQuery({
    query: TIMELINE_QUERY,
    variables: { householdId },
    pause: !allowed,
  });
  const items = useMemo(() => sortTimeline(data?.householdTimeline ?? [], order), [data, order]);
  const shown = all ? items : items.slice(0, TIMELINE_SHOWN);
  // Arriving at #timeline (after recording a visit): bring it into view once it has loaded.
  const { hash } = useLocation();
  const ref = useRef<HTMLElement>(null);
  const loaded = data !== undefined;
  useEffect(() => {
    if (hash === '#timeline' && loaded) ref.current?.scrollIntoView?.({ block: 'start' });
  }, [hash, loaded]);
  if (!allowed) return null;

  return (
    <section ref={ref} className="card card-wide timeline-card" id="timeline" data-testid="household-timeline">
      <div className="card-head">
        <h2>{t('household.timeline')}</h2>
        <div className="segmented" role="group" aria-label={t('household.timeline')}>
          {(['newest', 'oldest'] as const).map((o) => (
            <button
              key={o}
              type="button"
              className={order === o ? 'on' : undefined}
              aria-pressed={order === o}
              onClick={() => setOrder(o)}
              data-testid={`timeline-order-${o}`}
            >
              {o === 'newest' ? t('household.newestFirst') : t('household.oldestFirst')}
            </button>
          ))}
        </div>
      </div>
      {error && <QueryError error={error} />}
      {!data && fetching && <Loading />}
      {data && items.length === 0 && (
        <p className="muted" data-testid="timeline-empty">
          {t('household.timelineEmpty')}
        </p>
      )}
      {items.length > 0 && <TimelineList items={shown} />}
      {items.length > TIMELINE_SHOWN && (
        <button type="button" className="link" onClick={() => setAll(!all)} data-testid="timeline-toggle-all">
          {all ? t('common.hide') : t('common.showAll', { count: items.length })}
        </button>
      )}
    </section>
  );
}

export function TimelineList({ items }: { items: TimelineItem[] }) {
  const i18n = useI18n();
  const { t, label, dateTime } = i18n;
  const now = useNow();
  return (
    <ol className="timeline" data-testid="timeline">
      {items.map((item, i) => {
        const style = TIMELINE_STYLE[item.kind] ?? { mark: '·', group: 'other' };
        const future = new Date(item.at).getTime() > now.getTime();
        const kindLabel = label('TimelineKind', item.kind);
        const { title, detail } = timelineText(i18n, item);
        return (
          <li
            key={`${item.kind}:${item.subjectId}:${item.at}:${i}`}
            className={`tl-item tl-${style.group}${future ? ' tl-future' : ''}`}
            data-testid="timeline-item"
            data-kind={item.kind}
            data-at={item.at}
          >
            <span className="tl-mark" aria-hidden="true">
              {style.mark}
            </span>
            <div className="tl-body">
              <div className="tl-head">
                <span className="tl-kind" data-testid="timeline-kind">
                  {kindLabel}
                </span>
                <time className="tl-time" dateTime={item.at}>
                  {dateTime(item.at)}
                </time>
                {future && <span className="badge tl-upcoming">{t('household.upcoming')}</span>}
              </div>
              {title !== kindLabel && (
                <p className="tl-title" data-testid="timeline-title">
                  {title}
                </p>
              )}
              {detail && <p className="tl-detail">{detail}</p>}
              {item.actor && <p className="tl-actor muted small">{t('household.timelineBy', { actor: item.actor })}</p>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
