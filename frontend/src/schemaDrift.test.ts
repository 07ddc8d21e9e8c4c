/**
 * Schema drift: every GraphQL document the UI sends must be valid against the server's
 * schema. The lead exports the schema to frontend/schema.graphql (or BANGFU_SCHEMA points
 * at one); without it the validation is skipped with a message, and only the collection of
 * documents is checked.
 *
 * Convention: each document is an exported `gql` constant next to the component that uses it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchema, parse, print, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';

const GLOBS = ['./**/*.{ts,tsx}', '!./**/*.test.{ts,tsx}', '!./test/**', '!./main.tsx'] as const;

const modules = import.meta.glob<Record<string, unknown>>(
  ['./**/*.{ts,tsx}', '!./**/*.test.{ts,tsx}', '!./test/**', '!./main.tsx'],
  { eager: true },
);
const sources = import.meta.glob<string>(
  ['./**/*.{ts,tsx}', '!./**/*.test.{ts,tsx}', '!./test/**', '!./main.tsx'],
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

const documents: Found[] = [];
for (const [file, mod] of Object.entries(modules)) {
  for (const [name, value] of Object.entries(mod)) {
    // Re-parse with graphql-js so validation sees its own AST.
    if (isDocument(value)) documents.push({ where: `${file}#${name}`, doc: parse(print(value)) });
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
      const written = (text.match(/\bgql`/g) ?? []).length;
      const exported = documents.filter((d) => d.where.startsWith(`${file}#`)).length;
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
