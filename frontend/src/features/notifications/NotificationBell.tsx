import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useI18n } from '../../app/i18n';
import { noticeText } from '../../app/serverText';
import { UNREAD_NOTIFICATIONS_QUERY, ALL_NOTIFICATIONS_QUERY, MARK_NOTIFICATION_READ_MUTATION } from './notifications.graphql';
import type { AllNotificationsQuery } from '../../graphql/graphql';

/** A notification as the bell lists it (query AllNotifications). */
export type Notification = AllNotificationsQuery['notifications']['edges'][number]['node'];

/** How often the bell asks for the unread count. */
export const NOTIFICATION_POLL_MS = 60_000;
export const NOTIFICATIONS_LISTED = 20;

/** What an organisation hears of its own claims: answered on its marketplace home. */
const ORGANISATION_KINDS: ReadonlySet<string> = new Set(['ADOPTION_EXPIRING', 'ADOPTION_TRANSFER_OFFERED']);

/** Where a notification's subject is seen (an alert, a match, a need: its household). */
export function subjectPath(n: Pick<Notification, 'subjectType' | 'subjectId'> & { kind?: string }): string | null {
  const type = n.subjectType.toLowerCase();
  if (type === 'household') return `/households/${encodeURIComponent(n.subjectId)}`;
  if (type === 'adoption') return n.kind && ORGANISATION_KINDS.has(n.kind) ? '/market' : '/market/ledger';
  if (type === 'alert' || type === 'match' || type === 'need') {
    return `/open/${type}/${encodeURIComponent(n.subjectId)}`;
  }
  return null;
}

/** The bell in the header: the unread count, and a panel listing the notifications. */
export function NotificationBell({ intervalMs = NOTIFICATION_POLL_MS }: { intervalMs?: number }) {
  const i18n = useI18n();
  const { t, label, dateTime } = i18n;
  const [open, setOpen] = useState(false);
  const [showRead, setShowRead] = useState(false);
  const [unread, refetchUnread] = useQuery({
    query: UNREAD_NOTIFICATIONS_QUERY,
    variables: { first: NOTIFICATIONS_LISTED },
  });
  const [all, refetchAll] = useQuery({
    query: ALL_NOTIFICATIONS_QUERY,
    variables: { first: NOTIFICATIONS_LISTED },
    pause: !open || !showRead,
  });
  const [marking, markRead] = useMutation(MARK_NOTIFICATION_READ_MUTATION);
  const panelRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const timer = setInterval(() => refetchUnread({ requestPolicy: 'network-only' }), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, refetchUnread]);

  // Escape or a click outside closes the panel.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      const target = e.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  const count = unread.data?.notifications.totalCount ?? 0;
  const list = (showRead ? all.data : unread.data)?.notifications.edges.map((e) => e.node) ?? [];

  const refresh = () => {
    refetchUnread({ requestPolicy: 'network-only' });
    if (showRead) refetchAll({ requestPolicy: 'network-only' });
  };
  async function markOne(id: string) {
    await markRead({ id });
    refresh();
  }
  async function markAll() {
    const ids = (unread.data?.notifications.edges ?? []).map((e) => e.node.id);
    for (const id of ids) await markRead({ id });
    refresh();
  }

  return (
    <div className="bell-wrap">
      <button
        ref={buttonRef}
        type="button"
        className={`bell${count > 0 ? ' bell-unread' : ''}`}
        aria-label={t('notifications.bell', { count })}
        title={t('notifications.bell', { count })}
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => {
          setOpen(!open);
          if (!open) refetchUnread({ requestPolicy: 'network-only' });
        }}
        data-testid="notification-bell"
        data-count={count}
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
            fill="currentColor"
          />
        </svg>
        {count > 0 && (
          <span className="bell-count" data-testid="notification-count">
            {count > 99 ? '99+' : count}
          </span>
        )}
      </button>
      {open && (
        <div ref={panelRef} className="bell-panel" role="dialog" aria-label={t('notifications.title')} data-testid="notification-panel">
          <div className="bell-panel-head">
            <strong>{t('notifications.title')}</strong>
            <label className="field-check small">
              <input type="checkbox" checked={showRead} onChange={(e) => setShowRead(e.target.checked)} data-testid="notification-show-read" />
              <span>{t('notifications.showRead')}</span>
            </label>
            <button type="button" className="ghost bell-close" onClick={() => setOpen(false)} aria-label={t('common.close')}>
              ✕
            </button>
          </div>
          {list.length === 0 ? (
            <p className="muted bell-empty" data-testid="notification-empty">
              {showRead ? t('notifications.emptyAll') : t('notifications.empty')}
            </p>
          ) : (
            <ul className="bell-list">
              {list.map((n) => {
                const path = subjectPath(n);
                return (
                  <li key={n.id} className={`bell-item${n.readAt ? ' read' : ''}`} data-testid="notification-item" data-kind={n.kind}>
                    <div className="bell-item-head">
                      <span className="bell-kind">{label('NotificationKind', n.kind)}</span>
                      <time className="muted small" dateTime={n.createdAt}>
                        {dateTime(n.createdAt)}
                      </time>
                    </div>
                    <p className="bell-message">{noticeText(i18n, n)}</p>
                    <div className="bell-item-actions">
                      {path && (
                        <Link to={path} onClick={() => setOpen(false)} data-testid="notification-open">
                          {t('notifications.open')} ›
                        </Link>
                      )}
                      {n.readAt ? (
                        <span className="muted small">{t('notifications.read')}</span>
                      ) : (
                        <button
                          type="button"
                          className="link"
                          disabled={marking.fetching}
                          onClick={() => markOne(n.id)}
                          data-testid="notification-mark-read"
                        >
                          {t('notifications.markRead')}
                        </button>
                      )}
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
          {count > 0 && (
            <button type="button" className="bell-mark-all" onClick={markAll} disabled={marking.fetching} data-testid="notification-mark-all">
              {t('notifications.markAll')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
