// GraphQL Code Generator: the types of every document the UI sends, from the server's
// exported schema (schema.graphql). Output goes to src/graphql/ (generated, not committed);
// `npm run typecheck`, `npm test` and `npm run build` regenerate it first, so a document or
// a schema change that no longer fits is a type error.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: './schema.graphql',
  // Each feature keeps its documents in its own *.graphql.ts, written as graphql(`…`).
  documents: ['src/**/*.graphql.ts'],
  ignoreNoDocuments: false,
  generates: {
    './src/graphql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumType: 'string-literal',
        // Server scalars as the UI sees them in JSON.
        scalars: { Date: 'string', DateTime: 'string', JSON: 'unknown', Upload: 'File' },
        strictScalars: true,
        skipTypeNameForRoot: true,
      },
    },
  },
};

export default config;
