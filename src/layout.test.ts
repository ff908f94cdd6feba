import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe("README's layout", () => {
  it('names every folder of src/ and no other', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const block = readme.slice(readme.indexOf('## Layout'));
    const listed = [...block.matchAll(/^src\/(\w+)\//gm)].map((m) => m[1]);
    const folders = readdirSync(new URL('.', import.meta.url), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(listed.sort()).toEqual(folders.sort());
  });
});
