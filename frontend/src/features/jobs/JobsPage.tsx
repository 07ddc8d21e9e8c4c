import '../volunteering/volunteering.css';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { unreachable } from '../../app/exhaustive';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/messages';
import { hasRole, IDENTITY_ROLES } from '../../app/roles';
import { CandidateContact, ShareContactForm } from './CandidateContact';
import { Loading, QueryError, requestErrorText } from '../../components/QueryState';
import type { JobPostingsQuery, PostingKind } from '../../graphql/graphql';
import {
  CREATE_JOB_POSTING_MUTATION,
  JOB_PLACES_QUERY,
  JOB_POSTINGS_QUERY,
  JOB_PROPOSALS_QUERY,
  PROPOSE_JOB_CANDIDATES_MUTATION,
  RECORD_JOB_CONSENT_MUTATION,
  RECORD_JOB_OUTCOME_MUTATION,
} from './jobs.graphql';
import { POSTING_KIND, PROPOSAL_STATUS } from './labels';

type Posting = JobPostingsQuery['jobPostings'][number];

/** 岗位与培训: an enterprise's postings and its anonymous candidates; the station's view
 * of the same postings names the people and records consent and outcomes. */
export function JobsPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const isEnterprise = user?.role === 'ENTERPRISE';
  const [postings, refetch] = useQuery({ query: JOB_POSTINGS_QUERY });
  const [notice, setNotice] = useState<string | null>(null);
  if (postings.error) return <QueryError error={postings.error} />;
  if (!postings.data) return <Loading />;
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <section data-testid="jobs-page">
      <h1>{t('jobs.title')}</h1>
      <p className="muted">{t('jobs.intro')}</p>
      {notice && (
        <p className="notice" role="status" data-testid="jobs-notice">
          {notice}
        </p>
      )}
      {isEnterprise && <NewPosting onDone={(text) => (setNotice(text), reload())} />}
      {postings.data.jobPostings.length === 0 && <p className="muted">{t('jobs.none')}</p>}
      <ul className="vol-cards">
        {postings.data.jobPostings.map((p) => (
          <PostingCard key={p.id} posting={p} canPropose={isEnterprise || hasRole(user, IDENTITY_ROLES)} onChanged={(text) => (setNotice(text), reload())} />
        ))}
      </ul>
    </section>
  );
}

function PostingCard({ posting, canPropose, onChanged }: { posting: Posting; canPropose: boolean; onChanged: (text: string) => void }) {
  const { t, number } = useI18n();
  const { user } = useAuth();
  const station = hasRole(user, IDENTITY_ROLES) && user?.role !== 'AUDITOR';
  const isEnterprise = user?.role === 'ENTERPRISE';
  const [open, setOpen] = useState(false);
  const [proposals, refetch] = useQuery({ query: JOB_PROPOSALS_QUERY, variables: { postingId: posting.id }, pause: !open });
  const [, propose] = useMutation(PROPOSE_JOB_CANDIDATES_MUTATION);
  const [, consent] = useMutation(RECORD_JOB_CONSENT_MUTATION);
  const [, outcome] = useMutation(RECORD_JOB_OUTCOME_MUTATION);

  const runPropose = async () => {
    const res = await propose({ postingId: posting.id });
    const r = res.data?.proposeJobCandidates;
    switch (r?.__typename) {
      case 'ProposeJobCandidatesSuccess':
        onChanged(t('jobs.proposed', { count: r.proposed }));
        break;
      case undefined:
        onChanged(t('jobs.failed', { code: '?' }));
        break;
      case 'Conflict':
      case 'NotFound':
      case 'StaleVersion':
        onChanged(t('jobs.failed', { code: r.code }));
        break;
      default:
        unreachable(r);
    }
    setOpen(true);
    refetch({ requestPolicy: 'network-only' });
  };
  const decide = async (id: string, version: number, what: 'yes' | 'no' | 'HIRED' | 'LEFT' | 'DECLINED') => {
    const res =
      what === 'yes' || what === 'no'
        ? await consent({ id, version, consented: what === 'yes' })
        : await outcome({ id, version, outcome: what });
    const r = res.data && ('recordJobConsent' in res.data ? res.data.recordJobConsent : res.data.recordJobOutcome);
    switch (r?.__typename) {
      case undefined:
      case 'RecordJobConsentSuccess':
      case 'RecordJobOutcomeSuccess':
        break;
      case 'Conflict':
      case 'InvalidInput':
      case 'NotFound':
      case 'StaleVersion':
        onChanged(t('jobs.failed', { code: r.code }));
        break;
      default:
        unreachable(r);
    }
    refetch({ requestPolicy: 'network-only' });
  };
  const reason = (code: string) => {
    const within = /^WITHIN_(\d+)KM$/.exec(code);
    if (within) return t('jobs.reason.within', { km: within[1] });
    const key = `jobs.reason.${code}` as MessageKey;
    const text = t(key);
    return text === key ? code : text;
  };

  return (
    <li className="vol-card" data-testid="job-posting">
      <div className="vol-card-head">
        <strong>
          {t(POSTING_KIND[posting.kind])} · {posting.title}
        </strong>
        <span className="badge">{t(`jobs.status.${posting.status}` as MessageKey)}</span>
      </div>
      <p className="muted">
        {t('jobs.meta', {
          place: posting.placeName,
          hours: posting.hours,
          pay: number(posting.pay),
          count: posting.count,
          proposals: posting.proposals,
          filled: posting.filled,
        })}
      </p>
      {posting.requirements && <p>{posting.requirements}</p>}
      <div className="vol-actions">
        <button type="button" onClick={() => setOpen((o) => !o)} data-testid="job-show-proposals">
          {t('jobs.proposals')} ({posting.proposals})
        </button>
        {canPropose && posting.status === 'OPEN' && (
          <button type="button" className="primary" onClick={() => void runPropose()} data-testid="job-propose">
            {t('jobs.propose')}
          </button>
        )}
      </div>
      {open && proposals.data && (
        <ul className="vol-cards" data-testid="job-proposals">
          {proposals.data.jobProposals.length === 0 && <li className="muted">{t('jobs.noProposals')}</li>}
          {proposals.data.jobProposals.map((p) => (
            <li key={p.id} className="vol-card" data-testid="job-proposal">
              <div className="vol-card-head">
                <strong>
                  {p.personName ? `${p.personName} · ` : ''}
                  {t('jobs.candidate', {
                    age: p.ageBand,
                    sex: t(`jobs.sex.${p.sex === 'F' ? 'F' : 'M'}` as MessageKey),
                    village: p.villageName,
                    km: number(p.distanceKm, 1),
                  })}
                </strong>
                <span className="badge">{t(PROPOSAL_STATUS[p.status])}</span>
              </div>
              <p className="muted">{t('jobs.why', { reasons: p.reasons.map(reason).join('、') })}</p>
              {isEnterprise && (p.status === 'CONSENTED' || p.status === 'HIRED') && <CandidateContact proposalId={p.id} />}
              {station && (
                <div className="vol-actions">
                  {p.status === 'PROPOSED' && (
                    <>
                      <button type="button" onClick={() => void decide(p.id, p.version, 'yes')}>
                        {t('jobs.consent')}
                      </button>
                      <ShareContactForm
                        proposalId={p.id}
                        version={p.version}
                        onDone={(problem) => {
                          if (problem) onChanged(problem);
                          refetch({ requestPolicy: 'network-only' });
                        }}
                      />
                      <button type="button" onClick={() => void decide(p.id, p.version, 'no')}>
                        {t('jobs.decline')}
                      </button>
                    </>
                  )}
                  {p.status === 'CONSENTED' && (
                    <>
                      <button type="button" onClick={() => void decide(p.id, p.version, 'HIRED')}>
                        {t('jobs.hired')}
                      </button>
                      <button type="button" onClick={() => void decide(p.id, p.version, 'DECLINED')}>
                        {t('jobs.decline')}
                      </button>
                    </>
                  )}
                  {p.status === 'HIRED' && (
                    <button type="button" onClick={() => void decide(p.id, p.version, 'LEFT')}>
                      {t('jobs.left')}
                    </button>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function NewPosting({ onDone }: { onDone: (text: string) => void }) {
  const { t } = useI18n();
  const [places] = useQuery({ query: JOB_PLACES_QUERY });
  const [state, create] = useMutation(CREATE_JOB_POSTING_MUTATION);
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<PostingKind>('JOB');
  const [title, setTitle] = useState('');
  const [placeId, setPlaceId] = useState('');
  const [hours, setHours] = useState('8:00-17:00');
  const [pay, setPay] = useState('3000');
  const [requirements, setRequirements] = useState('');
  const [count, setCount] = useState('2');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await create({
      input: { kind, title: title.trim(), placeId, hours, pay: Number(pay) || 0, requirements, count: Number(count) || 0 },
    });
    const r = res.data?.createJobPosting;
    switch (r?.__typename) {
      case 'CreateJobPostingSuccess':
        setOpen(false);
        setTitle('');
        onDone(t('jobs.created'));
        break;
      case 'InvalidInput':
        setProblem(r.errors.map((x) => `${x.field}: ${x.code}`).join('; '));
        break;
      case undefined:
        setProblem(requestErrorText({ t }, res.error));
        break;
      default:
        unreachable(r);
    }
  };

  if (!open)
    return (
      <button type="button" className="primary" onClick={() => setOpen(true)} data-testid="job-new">
        {t('jobs.new')}
      </button>
    );
  return (
    <form className="vol-form card" onSubmit={(e) => void submit(e)} noValidate data-testid="job-form">
      <label>
        {t('jobs.kind')}
        <select value={kind} onChange={(e) => setKind(e.target.value as PostingKind)}>
          <option value="JOB">{t('jobs.kind.JOB')}</option>
          <option value="TRAINING">{t('jobs.kind.TRAINING')}</option>
        </select>
      </label>
      <label>
        {t('jobs.titleField')}
        <input name="title" value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        {t('jobs.place')}
        <select name="place" value={placeId} onChange={(e) => setPlaceId(e.target.value)}>
          <option value="" />
          {(places.data?.regions ?? []).map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('jobs.hours')}
        <input value={hours} onChange={(e) => setHours(e.target.value)} />
      </label>
      <label>
        {t('jobs.pay')}
        <input type="number" min={0} value={pay} onChange={(e) => setPay(e.target.value)} />
      </label>
      <label>
        {t('jobs.count')}
        <input type="number" min={1} name="count" value={count} onChange={(e) => setCount(e.target.value)} />
      </label>
      <label>
        {t('jobs.requirements')}
        <textarea rows={2} value={requirements} onChange={(e) => setRequirements(e.target.value)} />
      </label>
      {problem && <p className="notice notice-error">{problem}</p>}
      <button type="submit" className="primary" disabled={state.fetching} data-testid="job-submit">
        {t('jobs.submit')}
      </button>
    </form>
  );
}
