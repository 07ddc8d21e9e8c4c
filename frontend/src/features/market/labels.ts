// Codes the server sends (statuses, channels, refusals, reasons) as the words a person reads.
import type { I18n } from '../../app/i18n';
import type { AdoptionStatus, BudgetPeriod, DisbursementChannel } from '../../graphql/graphql';
import type { MessageKey } from '../../app/messages';
import { codeWords, paramValues, type ErrorParam } from '../../app/refusal';
import type { MarketMessageKey } from './messages';

function has(key: string, t: I18n['t']): key is MarketMessageKey {
  // A key the dictionary lacks comes back as itself.
  return t(key as MessageKey) !== key;
}

/** A refusal's code with its parameters, in the reader's language (app/refusal.ts). */
export function refusal(t: I18n['t'], code: string | null | undefined, params: readonly ErrorParam[] = []): string {
  return codeWords({ t }, ['market.e.'], code, paramValues(params)) ?? t('market.e.other');
}

// Keys built from the generated enums: a value the schema adds without its words here is a
// type error (the template key is checked against the dictionary).
export function statusLabel(t: I18n['t'], status: AdoptionStatus): string {
  return t(`market.s.${status}`);
}

export function channelLabel(t: I18n['t'], channel: DisbursementChannel | null | undefined): string {
  return channel ? t(`market.ch.${channel}`) : t('common.none');
}

export function periodLabel(t: I18n['t'], period: BudgetPeriod): string {
  return t(`market.p.${period}`);
}

export function reasonLabel(t: I18n['t'], label: I18n['label'], code: string, value: string | null): string {
  const key = `market.r.${code}`;
  if (!has(key, t)) return '';
  const shown = code === 'URGENCY' && value ? label('Urgency', value) : (value ?? '');
  return t(key, { value: shown });
}
