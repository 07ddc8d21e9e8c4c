// A result union is read by an exhaustive switch (app/exhaustive.ts#unreachable), so a member
// the server adds is a type error until each page handles it; an if-chain on __typename
// would let it fall through to a branch meant for another member.
import { describe, expect, it } from 'vitest';

const sources = import.meta.glob(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx', '!../test/**', '!../graphql/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

describe('result unions are switched on exhaustively', () => {
  it('no source compares __typename in an if', () => {
    const found = Object.entries(sources)
      .filter(([, text]) => /__typename\s*[!=]==|__typename\.(endsWith|startsWith|includes)\(/.test(text))
      .map(([path]) => path.replace(/^\.\.\//, ''));
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    expect(found).toEqual([]);
  });

  it('every switch on __typename ends in unreachable', () => {
    const open: string[] = [];
    let switches = 0;
    for (const [path, text] of Object.entries(sources)) {
      for (const m of text.matchAll(/switch \(([\w?.]+)__typename\) \{/g)) {
        switches += 1;
        let depth = 1;
        let i = (m.index ?? 0) + m[0].length;
        for (; depth > 0 && i < text.length; i++) depth += text[i] === '{' ? 1 : text[i] === '}' ? -1 : 0;
        if (!text.slice(m.index, i).includes('unreachable(')) open.push(`${path.replace(/^\.\.\//, '')}:${text.slice(0, m.index).split('\n').length}`);
      }
    }
    expect(switches).toBeGreaterThan(40);
    expect(open).toEqual([]);
  });
});
