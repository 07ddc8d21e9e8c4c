// One adoption and what its holder can do next: record a disbursement, upload evidence,
// confirm it fulfilled, release or cancel it; accept or decline a hand-over offered.
import { useState } from 'react';
import { useMutation } from 'urql';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { unreachable } from '../../app/exhaustive';
import { useToday } from '../../app/today';
import type {
  AdoptionCardFragment,
  CancelAdoptionMutation,
  DecideAdoptionTransferMutation,
  DisbursementChannel,
  EvidenceKind,
  FulfilAdoptionMutation,
  RecordDisbursementMutation,
  ReleaseAdoptionMutation,
} from '../../graphql/graphql';
import { uploadOperation } from '../households/upload';
import { channelLabel, refusal, statusLabel } from './labels';
import {
  ADD_EVIDENCE_MUTATION,
  CANCEL_MUTATION,
  DECIDE_TRANSFER_MUTATION,
  REVEAL_CONTACT_MUTATION,
  FULFIL_MUTATION,
  RECORD_DISBURSEMENT_MUTATION,
  RELEASE_MUTATION,
} from './market.graphql';
import { DateInput } from '../../components/DateInput';

const CHANNELS: DisbursementChannel[] = ['BANK_TRANSFER', 'MOBILE_PAYMENT', 'CASH', 'GOODS', 'SERVICE'];

/** The answer of a step on an adoption (decide a hand-over, disburse, fulfil, release, cancel). */
type Outcome =
  | DecideAdoptionTransferMutation['decideAdoptionTransfer']
  | RecordDisbursementMutation['recordDisbursement']
  | FulfilAdoptionMutation['fulfilAdoption']
  | ReleaseAdoptionMutation['releaseAdoption']
  | CancelAdoptionMutation['cancelAdoption']
  | null
  | undefined;

export function AdoptionItem({ adoption, onChanged }: { adoption: AdoptionCardFragment; onChanged: () => void }) {
  const { t, label, number } = useI18n();
  const auth = useAuth();
  const [problem, setProblem] = useState<string | null>(null);
  const [amount, setAmount] = useState(String(adoption.pledgedYuan));
  const today = useToday();
  const [day, setDay] = useState(today);
  const [channel, setChannel] = useState<DisbursementChannel>('BANK_TRANSFER');
  const [evidenceKind, setEvidenceKind] = useState<EvidenceKind>('RECEIPT');
  const [reason, setReason] = useState('');
  const [, disburse] = useMutation(RECORD_DISBURSEMENT_MUTATION);
  const [, fulfil] = useMutation(FULFIL_MUTATION);
  const [, release] = useMutation(RELEASE_MUTATION);
  const [, cancel] = useMutation(CANCEL_MUTATION);
  const [, decide] = useMutation(DECIDE_TRANSFER_MUTATION);
  const [, reveal] = useMutation(REVEAL_CONTACT_MUTATION);
  const [contact, setContact] = useState<string | null>(null);
  const showContact = async () => {
    const res = await reveal({ adoptionId: adoption.id });
    const r = res.data?.revealAdoptionContact;
    if (!r) return setProblem(refusal(t, null));
    switch (r.__typename) {
      case 'RevealAdoptionContactSuccess': {
        const c = r.contact;
        const parts = [c.contactName, c.contactPhone, c.address].filter((x): x is string => !!x);
        setContact(parts.length ? `${t('market.revealed')}: ${parts.join(' · ')}` : t('market.revealNone'));
        break;
      }
      case 'NotFound':
        setProblem(refusal(t, r.code));
        break;
      default:
        unreachable(r);
    }
  };
  const step = { adoptionId: adoption.id, expectedVersion: adoption.version };

  const settle = (r: Outcome) => {
    switch (r?.__typename) {
      case undefined:
        setProblem(refusal(t, null));
        break;
      case 'DecideAdoptionTransferSuccess':
      case 'RecordDisbursementSuccess':
      case 'FulfilAdoptionSuccess':
      case 'ReleaseAdoptionSuccess':
      case 'CancelAdoptionSuccess':
        setProblem(null);
        onChanged();
        break;
      case 'Conflict':
      case 'InvalidInput':
      case 'NotFound':
      case 'StaleVersion':
        setProblem(refusal(t, r.code, r.params));
        break;
      default:
        unreachable(r);
    }
  };

  const upload = async (file: File) => {
    const res = await uploadOperation({
      fetch: auth.fetch,
      token: auth.token,
      document: ADD_EVIDENCE_MUTATION,
      variables: { adoptionId: adoption.id, kind: evidenceKind },
      file,
    });
    const r = res.data?.addAdoptionEvidence;
    if (!r) return setProblem(refusal(t, null));
    switch (r.__typename) {
      case 'AddAdoptionEvidenceSuccess':
        setProblem(null);
        onChanged();
        break;
      case 'InvalidInput':
        setProblem(refusal(t, r.errors[0]?.code ?? r.code, r.errors[0]?.params ?? []));
        break;
      case 'Conflict':
        setProblem(refusal(t, r.code, r.params));
        break;
      case 'StaleVersion':
      case 'NotFound':
        setProblem(refusal(t, r.code));
        break;
      default:
        unreachable(r);
    }
  };

  const open = adoption.status === 'CLAIMED' || adoption.status === 'DISBURSED';
  return (
    <li className="adoption" data-testid="adoption" data-status={adoption.status} data-adoption-id={adoption.id}>
      <div className="adoption-head">
        <strong>{label('NeedKind', adoption.needKind)}</strong>
        <span>
          {adoption.township?.name ?? ''} {adoption.village?.name ?? ''}
        </span>
        <span className={`status status-${adoption.status.toLowerCase()}`} data-testid="adoption-status">
          {statusLabel(t, adoption.status)}
        </span>
      </div>
      <p className="muted">
        {t('market.claimedOn', { date: adoption.claimedOn })} · {t('market.pledged', { amount: number(adoption.pledgedYuan) })}
        {adoption.disbursedYuan != null &&
          ` · ${t('market.disbursed', {
            amount: number(adoption.disbursedYuan),
            date: adoption.disbursedOn ?? '',
            channel: channelLabel(t, adoption.channel),
          })}`}
        {adoption.fulfilledOn && ` · ${t('market.fulfilledOn', { date: adoption.fulfilledOn })}`}
        {adoption.evidenceCount > 0 && ` · ${t('market.evidenceCount', { count: adoption.evidenceCount })}`}
      </p>
      {adoption.transferToName && adoption.mine && (
        <p className="notice">{t('market.transferPending', { org: adoption.transferToName })}</p>
      )}
      {adoption.transferOfferedToMe && (
        <div className="actions">
          <span>{t('market.dueTransfer', { org: adoption.organisationName })}</span>
          <button type="button" onClick={() => void decide({ input: { ...step, accept: true } }).then((r) => settle(r.data?.decideAdoptionTransfer))}>
            {t('market.accept')}
          </button>
          <button type="button" className="ghost" onClick={() => void decide({ input: { ...step, accept: false } }).then((r) => settle(r.data?.decideAdoptionTransfer))}>
            {t('market.decline')}
          </button>
        </div>
      )}
      {adoption.mine && adoption.status === 'CLAIMED' && (
        <form
          className="inline-form"
          data-testid="disburse-form"
          onSubmit={(e) => {
            e.preventDefault();
            void disburse({
              input: { ...step, amountYuan: Math.round(Number(amount)), disbursedOn: day, channel },
            }).then((r) => settle(r.data?.recordDisbursement));
          }}
        >
          <label className="field">
            <span className="field-label">{t('market.amount')}</span>
            <input type="number" value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="disburse-amount" />
          </label>
          <label className="field">
            <span className="field-label">{t('market.date')}</span>
            <DateInput value={day} onChange={(e) => setDay(e.target.value)} data-testid="disburse-date" />
          </label>
          <label className="field">
            <span className="field-label">{t('market.channel')}</span>
            <select value={channel} onChange={(e) => setChannel(e.target.value as DisbursementChannel)}>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {channelLabel(t, c)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" data-testid="disburse-submit">
            {t('market.recordDisbursement')}
          </button>
        </form>
      )}
      {adoption.mine && open && (
        <div className="actions">
          <button type="button" className="ghost" onClick={() => void showContact()} data-testid="reveal-contact">
            {t('market.reveal')}
          </button>
          {contact && <span data-testid="contact">{contact}</span>}
        </div>
      )}
      {adoption.mine && open && (
        <div className="actions">
          <label className="field">
            <span className="field-label">{t('market.evidenceKind')}</span>
            <select value={evidenceKind} onChange={(e) => setEvidenceKind(e.target.value as EvidenceKind)}>
              <option value="RECEIPT">{t('market.ev.RECEIPT')}</option>
              <option value="PHOTO">{t('market.ev.PHOTO')}</option>
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t('market.uploadEvidence')}</span>
            <input
              type="file"
              accept="image/jpeg,image/png,application/pdf"
              data-testid="evidence-file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void upload(file);
              }}
            />
          </label>
        </div>
      )}
      {adoption.mine && open && (
        <div className="actions">
          {adoption.status === 'DISBURSED' && (
            <button type="button" data-testid="fulfil-button" onClick={() => void fulfil({ input: step }).then((r) => settle(r.data?.fulfilAdoption))}>
              {t('market.fulfil')}
            </button>
          )}
          {adoption.status === 'CLAIMED' && (
            <button type="button" className="ghost" onClick={() => void release({ input: step }).then((r) => settle(r.data?.releaseAdoption))}>
              {t('market.release')}
            </button>
          )}
          <input placeholder={t('market.cancelReason')} value={reason} onChange={(e) => setReason(e.target.value)} aria-label={t('market.cancelReason')} />
          <button type="button" className="ghost" onClick={() => void cancel({ input: { ...step, reason } }).then((r) => settle(r.data?.cancelAdoption))}>
            {t('market.cancel')}
          </button>
        </div>
      )}
      {problem && (
        <p className="notice notice-error" role="alert" data-testid="adoption-problem">
          {problem}
        </p>
      )}
    </li>
  );
}
