import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { IMPORT_ROLES, hasRole } from '../../app/roles';
import { unreachable } from '../../app/exhaustive';
import type { Job } from '../../components/JobProgress';
import { JobProgress } from '../../components/JobProgress';
import { jobText } from '../../app/serverText';
import { UploadError, uploadOperation } from './upload';
import { IMPORT_HOUSEHOLDS_MUTATION } from './households.graphql';
import { importErrorText, type ImportParamValue } from './importErrors';

/** The import file's columns (server/registry/household_csv_format.py): English name, Chinese header, required. */
export const IMPORT_COLUMNS: [string, string, boolean][] = [
  ['household_ref', '户编号', true],
  ['village_id', '村编码', true],
  ['tier', '救助分层', true],
  ['dibao_class', '低保类别', false],
  ['causes', '致贫原因', false],
  ['address', '家庭住址', true],
  ['phone', '联系电话', false],
  ['lat', '纬度', true],
  ['lon', '经度', true],
  ['monthly_income_per_person', '月人均收入', true],
  ['special_groups', '特殊群体', false],
  ['needs_skills', '所需服务技能', false],
  ['languages', '沟通语言', false],
  ['member_name', '姓名', true],
  ['member_id_number', '身份证号', true],
  ['member_sex', '性别', false],
  ['member_birth_date', '出生日期', false],
  ['member_relation', '与户主关系', true],
  ['member_disability_grade', '残疾等级', false],
  ['member_chronic_illness', '慢性病', false],
  ['member_serious_illness', '重大疾病', false],
  ['member_can_work', '劳动能力', false],
  ['member_lives_away', '外出务工', false],
];

export interface RowError {
  line: number;
  column: string;
  /** An English line for developers; the page says `code` with `params`. */
  reason: string;
  code: string;
  params?: Record<string, ImportParamValue> | null;
}

/** The import job's result (server/services/imports.py ImportReport; camelCase tolerated). */
export interface ImportReport {
  accepted?: boolean;
  households?: number;
  people?: number;
  rows?: number;
  errorCount?: number;
  error_count?: number;
  errors?: RowError[];
  ignoredColumns?: string[];
  ignored_columns?: string[];
}

export function ImportPage() {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [finished, setFinished] = useState<Job | null>(null);

  if (!hasRole(auth.user, IMPORT_ROLES)) {
    return (
      <section className="page" data-testid="import-page">
        <p className="notice">{t('error.forbidden')}</p>
      </section>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setProblem(t('import.noFile'));
      return;
    }
    setProblem(null);
    setFinished(null);
    setJobId(null);
    setUploading(true);
    try {
      const res = await uploadOperation({
        fetch: auth.fetch,
        token: auth.token,
        document: IMPORT_HOUSEHOLDS_MUTATION,
        file,
      });
      const payload = res.data?.importHouseholds;
      if (!payload) {
        const first = res.errors?.[0];
        setProblem(
          first?.extensions?.code === 'FORBIDDEN'
            ? t('error.forbidden')
            : t('error.generic'),
        );
        return;
      }
      switch (payload.__typename) {
        case 'ImportHouseholdsSuccess':
          setJobId(payload.job.id);
          break;
        case 'InvalidInput':
          setProblem(
            t('import.refused', {
              message: (payload.errors.length > 0 ? payload.errors : [{ code: payload.code, params: [] }])
                .map((e) => importErrorText(lang, e))
                .join(lang === 'en' ? '; ' : '；'),
            }),
          );
          break;
        case 'JobQueueUnavailable':
          setProblem(t('error.queueDown'));
          break;
        default:
          unreachable(payload);
      }
    } catch (e) {
      if (e instanceof UploadError && e.code === 'UNAUTHENTICATED') {
        auth.signOut(true);
        return;
      }
      setProblem(e instanceof UploadError && e.status === null ? t('error.network') : t('error.generic'));
    } finally {
      setUploading(false);
    }
  }

  function again() {
    setFile(null);
    setJobId(null);
    setFinished(null);
    setProblem(null);
    if (fileInput.current) fileInput.current.value = '';
  }

  const running = jobId != null && finished == null;

  return (
    <section className="page" data-testid="import-page">
      <p className="breadcrumb">
        <Link to="/households">‹ {t('nav.households')}</Link>
      </p>
      <header className="page-header">
        <h1>{t('import.title')}</h1>
      </header>
      <div className="import-grid">
        <form className="card import-form" onSubmit={submit} noValidate data-testid="import-form">
          <p className="import-intro">{t('import.intro')}</p>
          <label className="field">
            <span className="field-label">{t('import.file')}</span>
            <input
              ref={fileInput}
              type="file"
              accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              disabled={uploading || running}
              data-testid="import-file"
            />
          </label>
          {problem && (
            <p className="notice notice-error" role="alert" data-testid="import-error">
              {problem}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={uploading || running} data-testid="import-submit">
              {uploading ? t('import.uploading') : t('import.submit')}
            </button>
            {finished && (
              <button type="button" onClick={again} data-testid="import-again">
                {t('import.again')}
              </button>
            )}
          </div>
          {jobId && (
            <JobProgress
              key={jobId}
              jobId={jobId}
              showError={false}
              onDone={(job) => setFinished(job ?? { id: jobId, status: 'FAILED', progress: 0, message: '', messageParams: [], error: t('job.lost'), result: null })}
            />
          )}
          {finished && <ImportOutcome job={finished} />}
        </form>
        <aside className="card import-columns" data-testid="import-columns">
          <h2>{t('import.columns')}</h2>
          <ul className="column-list">
            {IMPORT_COLUMNS.map(([name, zh, required]) => (
              <li key={name}>
                <code>{name}</code>
                <span className="muted">{zh}</span>
                {required && <span className="badge required">{t('import.required')}</span>}
              </li>
            ))}
          </ul>
        </aside>
      </div>
    </section>
  );
}

export function ImportOutcome({ job }: { job: Job }) {
  const i18n = useI18n();
  const { t, number } = i18n;
  const report = (job.result ?? null) as ImportReport | null;
  if (job.status === 'SUCCEEDED') {
    const ignored = report?.ignoredColumns ?? report?.ignored_columns ?? [];
    return (
      <div className="notice notice-success" role="status" data-testid="import-success">
        <p>
          {t('import.succeeded', { households: number(report?.households ?? 0), people: number(report?.people ?? 0) })}
        </p>
        {ignored.length > 0 && <p className="muted small">{t('import.ignored', { columns: ignored.join(', ') })}</p>}
        <Link to="/households">{t('import.viewList')} ›</Link>
      </div>
    );
  }
  const errors = report?.errors ?? [];
  const count = report?.errorCount ?? report?.error_count ?? errors.length;
  return (
    <div className="import-failed" data-testid="import-failed">
      <p className="notice notice-error" role="alert">
        {errors.length > 0 || count > 0 ? t('import.failed', { count: number(count) }) : t('job.failed', { error: jobText(i18n, job.message, job.messageParams) || (job.error ?? '') })}
      </p>
      {count > errors.length && errors.length > 0 && (
        <p className="muted small">{t('import.moreErrors', { shown: number(errors.length) })}</p>
      )}
      {errors.length > 0 && (
        <div className="table-wrap">
          <table className="data" data-testid="import-errors">
            <thead>
              <tr>
                <th className="num">{t('import.line')}</th>
                <th>{t('import.column')}</th>
                <th>{t('import.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {errors.map((e, i) => (
                <tr key={`${e.line}-${e.column}-${i}`} data-testid="import-error-row">
                  <td className="num">{e.line}</td>
                  <td>
                    <code>{e.column || t('common.none')}</code>
                  </td>
                  <td data-code={e.code}>{importErrorText(i18n.lang, e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
