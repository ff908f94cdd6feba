import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HEAD_LIST } from '../../loss/heads';
import { docsSection } from './docsSection';

describe('docsSection', () => {
  const md = '# Doc\n\nintro\n\n## A one\n\ntext a\n\n### sub\n\nmore a\n\n## B\n\ntext b\n';

  it('cuts a level-2 section with its subsections', () => {
    expect(docsSection(md, 'A')).toBe('## A one\n\ntext a\n\n### sub\n\nmore a');
    expect(docsSection(md, 'B')).toBe('## B\n\ntext b');
    expect(docsSection(md, 'C')).toBe('');
  });

  it("finds every head's section in docs/losses.md", () => {
    const losses = readFileSync(new URL('../../../docs/losses.md', import.meta.url), 'utf8');
    // The link under a head's sliders opens the section titled by its name.
    for (const { name } of HEAD_LIST) expect(docsSection(losses, name), name).toMatch(/^## /);
    expect(docsSection(losses, 'ICU')).toContain('margin turns into slack');
  });
});
