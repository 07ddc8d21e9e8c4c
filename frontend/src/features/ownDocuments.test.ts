// Each feature keeps its documents in its own *.graphql.ts: a page never imports another
// feature's query, so changing one page's selection cannot change what another page fetches.
// A document several features send lives outside features/ (components/*.graphql.ts).
import { describe, expect, it } from 'vitest';

const sources = import.meta.glob(['../**/*.ts', '../**/*.tsx', '!../graphql/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** `features/X/…` → X; anything else → null. */
function featureOf(path: string): string | null {
  return /^features\/([^/]+)\//.exec(path)?.[1] ?? null;
}

/** The file an import specifier names, relative to src/ (`features/dashboard/dashboard.graphql`). */
function resolved(from: string, specifier: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  return parts.join('/');
}

/** Every import of another feature's *.graphql(.ts), as `importer -> imported`. */
function crossFeatureDocuments(files: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [raw, text] of Object.entries(files)) {
    const path = raw.replace(/^\.\.\//, '');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+\.graphql(?:\.ts)?)['"]/g)) {
      if (!m[1].startsWith('.')) continue;
      const target = resolved(path, m[1]);
      const owner = featureOf(target);
      if (owner !== null && owner !== featureOf(path)) found.push(`${path} -> ${target}`);
    }
  }
  return found.sort();
}

describe("a feature's documents are its own", () => {
  it('no file imports another feature’s *.graphql.ts', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    expect(crossFeatureDocuments(sources)).toEqual([]);
  });

  it('the rule sees an import across features (and allows shared and own documents)', () => {
    expect(
      crossFeatureDocuments({
        '../features/stations/StationsPage.tsx': "import { A } from '../dashboard/dashboard.graphql';\nimport { B } from './stations.graphql';",
        '../features/caseload/CaseloadPage.tsx': "import { C } from '../../components/stations.graphql';",
        '../app/App.tsx': "import { D } from '../features/auth/auth.graphql.ts';",
      }),
    ).toEqual(['app/App.tsx -> features/auth/auth.graphql.ts', 'features/stations/StationsPage.tsx -> features/dashboard/dashboard.graphql']);
  });
});
