import { Navigate, useParams } from 'react-router';
import { gql, useQuery } from 'urql';
import { useI18n } from '../../app/i18n';
import { Loading, QueryError } from '../../components/QueryState';

export const ALERT_SUBJECT_QUERY = gql`
  query AlertSubject($id: ID!) {
    alert(id: $id) {
      id
      householdId
    }
  }
`;

export const MATCH_SUBJECT_QUERY = gql`
  query MatchSubject($id: ID!) {
    match(id: $id) {
      id
      household {
        id
      }
    }
  }
`;

export const NEED_SUBJECT_QUERY = gql`
  query NeedSubject($id: ID!) {
    need(id: $id) {
      id
      household {
        id
      }
    }
  }
`;

interface SubjectData {
  alert?: { id: string; householdId: string } | null;
  match?: { id: string; household: { id: string } | null } | null;
  need?: { id: string; household: { id: string } | null } | null;
}

const QUERIES = { alert: ALERT_SUBJECT_QUERY, match: MATCH_SUBJECT_QUERY, need: NEED_SUBJECT_QUERY } as const;

/** /open/:type/:id — a notification's subject (an alert, a match, a need), shown on its household's page. */
export function SubjectRedirect() {
  const { type = '', id = '' } = useParams();
  const { t } = useI18n();
  const known = type in QUERIES;
  const [{ data, error, fetching }] = useQuery<SubjectData>({
    query: QUERIES[(known ? type : 'alert') as keyof typeof QUERIES],
    variables: { id },
    pause: !known,
  });
  const householdId = data?.alert?.householdId ?? data?.match?.household?.id ?? data?.need?.household?.id;
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
