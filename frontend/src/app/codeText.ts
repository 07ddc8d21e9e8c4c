// Codes the server stores where a person's words could stand (a reason, a stored value), in
// the page's language: shared by the timeline (serverText) and the audit page.
import type { I18n } from './i18n';
import { ENUM_LABELS, MESSAGES, type EnumName } from './messages';

/** The reason a plan decision writes on its matches; older rows say "caseload plan <id>". */
export function isPlanReason(reason: string | null | undefined): boolean {
  return reason === 'CASELOAD_PLAN' || /^caseload plan /.test(reason ?? '');
}

/** Reasons the server writes as codes (a person's reason is free text). */
const REASON_CODES: Record<string, 'audit.reasonClaimed'> = {
  CLAIMED: 'audit.reasonClaimed',
};

/** Whether a stored reason is a code the page must name, not show. */
export function isReasonCode(reason: string | null | undefined): boolean {
  return isPlanReason(reason) || /^[A-Z][A-Z0-9_]{2,}$/.test(reason ?? '');
}

/** A stored reason as a reader sees it: a code by its name, free text as written. */
export function reasonText(i18n: I18n, reason: string): string {
  if (isPlanReason(reason)) return i18n.t('audit.byPlan');
  const key = REASON_CODES[reason];
  if (key) return i18n.t(key);
  return isReasonCode(reason) ? (codeLabel(i18n, reason) ?? reason) : reason;
}

const ENUM_NAMES = Object.keys(ENUM_LABELS) as EnumName[];

/** A code of any labelled enum (`PLEDGED`, `DAILY_CARE`) by its label; else a feature's own
 * label of that code (`market.ch.BANK_TRANSFER`); else null. */
export function codeLabel(i18n: I18n, code: string): string | null {
  for (const name of ENUM_NAMES) {
    const labels: Record<string, unknown> = ENUM_LABELS[name];
    if (code in labels) return i18n.label(name, code);
  }
  const suffix = `.${code}`;
  for (const [key, text] of Object.entries(MESSAGES[i18n.lang])) {
    if (key.endsWith(suffix)) return text;
  }
  return null;
}
