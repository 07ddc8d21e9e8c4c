// 紧急走访: the worker picks one of their households (red ones first) to insert into today's
// round as an emergency; the page re-plans and shows what changed. Names only, never ids.
import { useState } from 'react';
import { useI18n } from '../../app/i18n';
import type { WarningLevel } from '../../app/enums';

export type EmergencyChoice = {
  householdId: string;
  headName: string | null;
  villageName: string | null;
  warningLevel: WarningLevel;
};

const LEVEL_ORDER: Record<WarningLevel, number> = { RED: 0, ORANGE: 1, YELLOW: 2, BLUE: 3, NONE: 4 };

/** Red first, then by warning level, then by name (Chinese collation); those done today left out. */
export function emergencyOptions(choices: readonly EmergencyChoice[], doneToday: ReadonlySet<string>): EmergencyChoice[] {
  const seen = new Set<string>();
  const out: EmergencyChoice[] = [];
  for (const c of choices) {
    if (doneToday.has(c.householdId) || seen.has(c.householdId)) continue;
    seen.add(c.householdId);
    out.push(c);
  }
  const collator = new Intl.Collator('zh-CN');
  return out.sort(
    (a, b) => LEVEL_ORDER[a.warningLevel] - LEVEL_ORDER[b.warningLevel] || collator.compare(a.headName ?? '', b.headName ?? ''),
  );
}

export function EmergencyPicker({
  choices,
  doneToday,
  busy,
  onInsert,
}: {
  choices: readonly EmergencyChoice[];
  doneToday: ReadonlySet<string>;
  busy: boolean;
  onInsert: (householdId: string) => void;
}) {
  const { t, label } = useI18n();
  const [picked, setPicked] = useState('');
  const options = emergencyOptions(choices, doneToday);
  const text = (c: EmergencyChoice) => {
    const head = c.headName ?? t('rounds.someone');
    const name = c.villageName ? `${head} · ${c.villageName}` : head;
    return c.warningLevel === 'NONE' ? name : t('emergency.option', { name, level: label('WarningLevel', c.warningLevel) });
  };
  if (options.length === 0) {
    return (
      <p className="muted round-emergency" data-testid="round-emergency-none">
        {t('emergency.none')}
      </p>
    );
  }
  // The select is keyed by position, so no household id is ever written into the page.
  const index = options.findIndex((c) => c.householdId === picked);
  return (
    <form
      className="round-emergency"
      data-testid="round-emergency"
      onSubmit={(e) => {
        e.preventDefault();
        if (picked) onInsert(picked);
      }}
    >
      <label>
        <span>{t('emergency.label')}</span>
        <select
          value={index < 0 ? '' : String(index)}
          onChange={(e) => setPicked(e.target.value === '' ? '' : (options[Number(e.target.value)]?.householdId ?? ''))}
          data-testid="round-emergency-select"
        >
          <option value="">{t('emergency.choose')}</option>
          {options.map((c, i) => (
            <option key={c.householdId} value={String(i)}>
              {text(c)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="big-button" disabled={busy || !picked} data-testid="round-emergency-insert">
        {busy ? t('rounds.planning') : t('emergency.insert')}
      </button>
      <p className="muted">{t('emergency.hint')}</p>
    </form>
  );
}
