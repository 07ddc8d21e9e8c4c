import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { unreachable } from '../../app/exhaustive';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/messages';
import { fieldProblems, refusal } from './errors';
import { MY_VOLUNTEER_PROFILE_QUERY, SET_AVAILABILITY_MUTATION } from './volunteering.graphql';
import { requestErrorText } from '../../components/QueryState';

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** 我的服务时间: days, hours and radius; the tasks offered follow them. */
export function AvailabilityForm() {
  const { t } = useI18n();
  const [profile, refetch] = useQuery({ query: MY_VOLUNTEER_PROFILE_QUERY });
  const [state, save] = useMutation(SET_AVAILABILITY_MUTATION);
  const me = profile.data?.myVolunteerProfile;
  const [days, setDays] = useState<number[]>([]);
  const [windows, setWindows] = useState('');
  const [radius, setRadius] = useState('5');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    if (!me) return;
    setDays(me.availableWeekdays);
    setWindows(me.availableWindows.join(', '));
    setRadius(String(me.radiusKm ?? 5));
  }, [me]);

  if (!me) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await save({
      id: me.id,
      version: me.version,
      weekdays: days,
      windows: windows
        .split(/[,，\s]+/)
        .map((w) => w.trim())
        .filter(Boolean),
      radiusKm: Number(radius),
    });
    const r = res.data?.setVolunteerAvailability;
    if (!r) return setMessage({ ok: false, text: requestErrorText({ t }, res.error) });
    switch (r.__typename) {
      case 'SetVolunteerAvailabilitySuccess':
        setMessage({ ok: true, text: t('vol.availabilitySaved') });
        refetch({ requestPolicy: 'network-only' });
        break;
      case 'InvalidInput':
        setMessage({ ok: false, text: Object.values(fieldProblems(t, r.errors)).join(' ') });
        break;
      case 'StaleVersion':
        setMessage({ ok: false, text: t('vol.error.stale') });
        refetch({ requestPolicy: 'network-only' });
        break;
      case 'NotFound':
        setMessage({ ok: false, text: refusal(t, r.code) });
        break;
      default:
        unreachable(r);
    }
  };

  return (
    <details className="vol-availability">
      <summary>{t('vol.availability')}</summary>
      <form className="vol-form" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset>
          <legend>{t('vol.weekdays')}</legend>
          {DAYS.map((d) => (
            <label key={d} className="vol-day">
              <input
                type="checkbox"
                checked={days.includes(d)}
                onChange={(e) => setDays((x) => (e.target.checked ? [...x, d].sort() : x.filter((y) => y !== d)))}
              />
              {t(`vol.wd.${d}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('vol.windows')}
          <input value={windows} onChange={(e) => setWindows(e.target.value)} />
        </label>
        <label>
          {t('vol.radius')}
          <input type="number" inputMode="decimal" min={0.5} max={50} step={0.5} value={radius} onChange={(e) => setRadius(e.target.value)} />
        </label>
        {message && (
          <p className={message.ok ? 'notice' : 'notice notice-error'} role="status">
            {message.text}
          </p>
        )}
        <button type="submit" disabled={state.fetching}>
          {t('vol.saveAvailability')}
        </button>
      </form>
    </details>
  );
}
