import { Navigate, useParams } from 'react-router';
import { useQuery, type TypedDocumentNode } from 'urql';
import type { AlertSubjectQuery, MatchSubjectQuery, NeedSubjectQuery } from '../../graphql/graphql';
import { useI18n } from '../../app/i18n';
import { Loading, QueryError } from '../../components/QueryState';
import { ALERT_SUBJECT_QUERY, MATCH_SUBJECT_QUERY, NEED_SUBJECT_QUERY } from './notifications.graphql';

type SubjectQuery = AlertSubjectQuery | MatchSubjectQuery | NeedSubjectQuery;

const QUERIES: Record<'alert' | 'match' | 'need', TypedDocumentNode<SubjectQuery, { id: string }>> = {
  alert: ALERT_SUBJECT_QUERY,
  match: MATCH_SUBJECT_QUERY,
  need: NEED_SUBJECT_QUERY,
};

/** The household a subject belongs to, whichever of the three it is. */
function subjectHousehold(data: SubjectQuery | undefined): string | undefined {
  if (!data) return undefined;
  if ('alert' in data) return data.alert?.householdId;
  if ('match' in data) return data.match?.household?.id;
  return data.need?.household?.id;
}

/** /open/:type/:id — a notification's subject (an alert, a match, a need), shown on its household's page. */
export function SubjectRedirect() {
  const { type = '', id = '' } = useParams();
  const { t } = useI18n();
  const known = type in QUERIES;
  const [{ data, error, fetching }] = useQuery({
    query: QUERIES[(known ? type : 'alert') as keyof typeof QUERIES],
    variables: { id },
    pause: !known,
  });
  const householdId = subjectHousehold(data);
  if (householdId) return <Navigate to={`/households/${encodeURIComponent(householdId)}#timeline`} replace />;
  return (
    <section className="page">
      {error && <QueryError error={error} />}
      {fetching && <Loading />}
      {(!known || (data && !fetching)) && (
        <p className="notice" data-testid="subject-not-found">
          {t('error.notFound')}
        </p>
      )}
    </section>
  );
}
