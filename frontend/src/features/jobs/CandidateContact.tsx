// A job candidate's contact: the station records the household's yes together with what the
// enterprise may see (name, phone, until when); the enterprise reads it only then, each read
// audited by the server, and sees nothing once the consent is withdrawn or lapses.
import { useState } from 'react';
import { useMutation } from 'urql';
import { unreachable } from '../../app/exhaustive';
import { useI18n } from '../../app/i18n';
import { shiftDay } from '../../app/time';
import { useToday } from '../../app/today';
import type { RevealCandidateContactMutation } from '../../graphql/graphql';
import { REVEAL_CANDIDATE_CONTACT_MUTATION, RECORD_JOB_CONSENT_SHARING_MUTATION } from './jobs.graphql';

type Contact = Extract<
  RevealCandidateContactMutation['revealCandidateContact'],
  { __typename: 'RevealCandidateContactSuccess' }
>['contact'];

/** The station: the household consents and lets the enterprise call the candidate. */
export function ShareContactForm({
  proposalId,
  version,
  onDone,
}: {
  proposalId: string;
  version: number;
  onDone: (problem: string | null) => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [givenBy, setGivenBy] = useState(t('jobs.share.self'));
  const today = useToday();
  const [until, setUntil] = useState(shiftDay(today, 90));
  const [, share] = useMutation(RECORD_JOB_CONSENT_SHARING_MUTATION);
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} data-testid="job-share-open">
        {t('jobs.share.open')}
      </button>
    );
  }
  const submit = async () => {
    const res = await share({
      id: proposalId,
      version,
      share: { givenBy, fields: ['CONTACT_NAME', 'CONTACT_PHONE'], expiresOn: until },
    });
    const r = res.data?.recordJobConsent;
    switch (r?.__typename) {
      case 'RecordJobConsentSuccess':
        onDone(null);
        break;
      case 'InvalidInput':
        onDone(t('jobs.share.invalid'));
        break;
      case undefined:
        onDone(t('jobs.failed', { code: '?' }));
        break;
      case 'Conflict':
      case 'NotFound':
      case 'StaleVersion':
        onDone(t('jobs.failed', { code: r.code }));
        break;
      default:
        unreachable(r);
    }
  };
  return (
    <form
      className="inline-form"
      data-testid="job-share-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="field">
        <span className="field-label">{t('jobs.share.givenBy')}</span>
        <input value={givenBy} onChange={(e) => setGivenBy(e.target.value)} maxLength={50} />
      </label>
      <label className="field">
        <span className="field-label">{t('jobs.share.until')}</span>
        <input type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
      </label>
      <button type="submit" className="primary">
        {t('jobs.share.submit')}
      </button>
    </form>
  );
}

/** The enterprise: the candidate's name and phone, when the household agreed. */
export function CandidateContact({ proposalId }: { proposalId: string }) {
  const { t } = useI18n();
  const [, reveal] = useMutation(REVEAL_CANDIDATE_CONTACT_MUTATION);
  const [contact, setContact] = useState<Contact | null>(null);
  const [missing, setMissing] = useState(false);
  const show = async () => {
    const res = await reveal({ id: proposalId });
    const r = res.data?.revealCandidateContact;
    switch (r?.__typename) {
      case 'RevealCandidateContactSuccess':
        setContact(r.contact);
        setMissing(false);
        break;
      case undefined:
      case 'NotFound':
        setMissing(true);
        break;
      default:
        unreachable(r);
    }
  };
  if (contact && contact.fields.length > 0) {
    return (
      <p data-testid="candidate-contact">
        {t('jobs.contact.line', {
          name: contact.contactName ?? t('jobs.contact.notShared'),
          phone: contact.contactPhone ?? t('jobs.contact.notShared'),
          until: contact.consentExpiresOn ?? '',
        })}
      </p>
    );
  }
  return (
    <div className="vol-actions">
      <button type="button" onClick={() => void show()} data-testid="candidate-contact-show">
        {t('jobs.contact.show')}
      </button>
      {(missing || (contact && contact.fields.length === 0)) && (
        <span className="muted" data-testid="candidate-contact-none">
          {t('jobs.contact.none')}
        </span>
      )}
    </div>
  );
}
