import { getOperationName, stringifyDocument, type TypedDocumentNode } from 'urql';
import { CLIENT_HEADER, GRAPHQL_URL } from '../../app/client';

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly code?: string,
  ) {
    super(message);
  }
}

interface UploadOptions<T, V> {
  fetch: typeof globalThis.fetch;
  token: string | null;
  document: TypedDocumentNode<T, V>;
  /** The variables besides the file; the file goes into `variables[fileVariable]`. */
  variables?: Partial<V>;
  fileVariable?: string;
  file: File;
  url?: string;
}

/**
 * One GraphQL operation with one file, as a multipart request (the GraphQL multipart request
 * spec: fields `operations`, `map`, then the file as `0`). The browser sets the multipart
 * content type with its boundary; the token goes in `Authorization: Bearer`.
 */
export async function uploadOperation<T, V>({
  fetch,
  token,
  document,
  variables = {},
  fileVariable = 'file',
  file,
  url = GRAPHQL_URL,
}: UploadOptions<T, V>): Promise<GraphQLResponse<T>> {
  const operations = {
    query: stringifyDocument(document),
    operationName: getOperationName(document),
    variables: { ...variables, [fileVariable]: null },
  };
  const form = new FormData();
  form.append('operations', JSON.stringify(operations));
  form.append('map', JSON.stringify({ 0: [`variables.${fileVariable}`] }));
  form.append('0', file, file.name);

  const headers: Record<string, string> = {
    Accept: 'application/graphql-response+json, application/json',
    ...CLIENT_HEADER,
  };
  if (token) headers.Authorization = `Bearer ${token}`;

  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', body: form, headers });
  } catch (e) {
    throw new UploadError(e instanceof Error ? e.message : String(e), null);
  }
  let body: GraphQLResponse<T> | null = null;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    body = null;
  }
  const code = body?.errors?.find((e) => typeof e.extensions?.code === 'string')?.extensions?.code;
  if (response.status === 401 || code === 'UNAUTHENTICATED') {
    throw new UploadError('UNAUTHENTICATED', response.status, 'UNAUTHENTICATED');
  }
  if (!body) throw new UploadError(`HTTP ${response.status}`, response.status);
  return body;
}
