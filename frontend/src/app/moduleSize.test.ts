// No module over 500 lines, as in the Python packages (tests/unit/test_architecture.py): a
// reader should be able to hold a file. The generated schema types are not read by people.
import { describe, expect, it } from 'vitest';

const MAX_LINES = 500;

const sources = import.meta.glob(['../**/*.ts', '../**/*.tsx', '!../graphql/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

function longModules(files: Record<string, string>, limit = MAX_LINES): string[] {
  return Object.entries(files)
    .map(([path, text]) => ({ path: path.replace(/^\.\.\//, ''), lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0) }))
    .filter((f) => f.lines > limit)
    .map((f) => `${f.path}: ${f.lines}`)
    .sort();
}

describe('module size', () => {
  it('reads the sources it rules on', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(100);
    expect(longModules({ '../a.ts': 'x\n'.repeat(501), '../b.ts': 'x\n'.repeat(500) })).toEqual(['a.ts: 501']);
  });

  it('has no module over 500 lines', () => {
    expect(longModules(sources)).toEqual([]);
  });
});
