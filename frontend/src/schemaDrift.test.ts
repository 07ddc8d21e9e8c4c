/**
 * Schema drift: every GraphQL document the UI sends must be valid against the server's
 * schema. The lead exports the schema to frontend/schema.graphql (or BANGFU_SCHEMA points
 * at one); without it the validation is skipped with a message, and only the collection of
 * documents is checked.
 *
 * Convention: each feature's documents are exported `graphql(`…`)` constants in its own
 * `*.graphql.ts` (GraphQL Code Generator types them). Fragment-only documents are checked
 * inside the operations that spread them (the generated operation documents carry them).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchema, parse, print, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';

const GLOBS = ['./**/*.{ts,tsx}', '!./**/*.test.{ts,tsx}', '!./test/**', '!./main.tsx', '!./graphql/**'] as const;

const modules = import.meta.glob<Record<string, unknown>>(
  ['./**/*.{ts,tsx}', '!./**/*.test.{ts,tsx}', '!./test/**', '!./main.tsx', '!./graphql/**'],
  { eager: true },
);
const sources = import.meta.glob<string>(
  ['./**/*.{ts,tsx}', '!./**/*.test.{ts,tsx}', '!./test/**', '!./main.tsx', '!./graphql/**'],
  { eager: true, query: '?raw', import: 'default' },
);

interface Found {
  where: string;
  doc: DocumentNode;
}

function isDocument(value: unknown): value is DocumentNode {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'Document' &&
    Array.isArray((value as { definitions?: unknown }).definitions)
  );
}

function isFragmentOnly(doc: DocumentNode): boolean {
  return doc.definitions.every((d) => d.kind === 'FragmentDefinition');
}

const documents: Found[] = [];
const fragmentsIn = new Map<string, number>();
for (const [file, mod] of Object.entries(modules)) {
  for (const [name, value] of Object.entries(mod)) {
    // Re-parse with graphql-js so validation sees its own AST.
    if (!isDocument(value)) continue;
    if (isFragmentOnly(value)) fragmentsIn.set(file, (fragmentsIn.get(file) ?? 0) + 1);
    else documents.push({ where: `${file}#${name}`, doc: parse(print(value)) });
  }
}

// import.meta.dirname is this file's folder (src/); the schema lives beside package.json.
const schemaPath = process.env.BANGFU_SCHEMA ?? resolve(import.meta.dirname, '../schema.graphql');
const hasSchema = existsSync(schemaPath);

describe('GraphQL documents', () => {
  it(`are collected from src/ (${GLOBS.join(' ')})`, () => {
    expect(documents.length).toBeGreaterThanOrEqual(8);
  });

  it('are all exported, so that none escapes the drift check', () => {
    for (const [file, text] of Object.entries(sources)) {
      const written = (text.match(/\bgraphql\(`/g) ?? []).length;
      const exported =
        documents.filter((d) => d.where.startsWith(`${file}#`)).length + (fragmentsIn.get(file) ?? 0);
      expect(exported, `${file}: ${written} gql documents, ${exported} exported`).toBe(written);
    }
  });

  it('have unique operation names', () => {
    const names = documents.flatMap(({ doc }) =>
      doc.definitions.flatMap((d) => (d.kind === 'OperationDefinition' && d.name ? [d.name.value] : [])),
    );
    expect(names.length).toBe(documents.length);
    expect(new Set(names).size).toBe(names.length);
  });
});

if (hasSchema) {
  describe(`GraphQL documents against ${schemaPath}`, () => {
    let schema: GraphQLSchema;
    it('the schema builds', () => {
      schema = buildSchema(readFileSync(schemaPath, 'utf8'));
    });
    it.each(documents.map((d) => [d.where, d.doc] as const))('%s is valid', (_where, doc) => {
      const errors = validate(schema, doc).map((e) => e.message);
      expect(errors).toEqual([]);
    });
  });
} else {
  console.info(
    `[schema drift] ${schemaPath} not found: skipping validation of ${documents.length} documents. ` +
      'Export the server schema there (or set BANGFU_SCHEMA) to enable it.',
  );
  describe('GraphQL documents against the server schema', () => {
    it.skip('frontend/schema.graphql is absent: export the schema from the server to check the documents', () => {});
  });
}
