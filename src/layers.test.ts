import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

/*
 * The layer rules of eslint.config.js, each seen to fail on a file that breaks it and to pass
 * its lawful neighbour, and the tfjs-free list proven: every core module the page may import
 * reaches no tfjs.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The layer-rule messages ESLint gives `code` as if it were the file at `path` (relative to the root). */
async function layerErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

describe('layer rules', () => {
  const cases: { rule: string; path: string; bad: string; good: string; says: string }[] = [
    {
      rule: 'the page loads no tfjs',
      path: 'src/components/Probe.tsx',
      bad: "import * as tf from '@tensorflow/tfjs';\nexport const t = tf.tensor([1]);",
      good: "import type { Tensor } from '@tensorflow/tfjs';\nexport const t = (x: Tensor) => x.size;",
      says: 'The page never loads tfjs',
    },
    {
      rule: "the page skips loss's index (it re-exports the tf heads)",
      path: 'src/components/probe.ts',
      bad: "import { icuLoss } from '../loss';\nexport const l = icuLoss;",
      good: "import { HEAD_IDS } from '../loss/heads';\nexport const h = HEAD_IDS;",
      says: 'The page never loads tfjs',
    },
    {
      rule: 'the page imports no tfjs-backed core module',
      path: 'src/store/probe.ts',
      bad: "import { Learner } from '../learner/learner';\nexport const l = Learner;",
      good: "import { evaluatePredictions } from '../math/evaluation';\nexport const e = evaluatePredictions;",
      says: 'The page never loads tfjs',
    },
    {
      rule: 'the sandbox steps its heads without tfjs',
      path: 'src/sandbox/probe.ts',
      bad: "import { headLoss } from '../loss/heads.tf';\nexport const l = headLoss;",
      good: "import { sandboxStep } from '../loss/heads';\nexport const s = sandboxStep;",
      says: 'The page never loads tfjs',
    },
    {
      rule: 'the page imports nothing of the worker',
      path: 'src/plot/probe.ts',
      bad: "import { Session } from '../trainer/worker/session';\nexport const s = Session;",
      good: "import type { Session } from '../trainer/worker/session';\nexport type S = Session;",
      says: 'The page never loads tfjs',
    },
    {
      rule: 'plot never imports store, not even a type',
      path: 'src/plot/probe.ts',
      bad: "import type { ViewState } from '../store/view';\nexport type V = ViewState;",
      good: "import type { ZoomLike } from '../math/zoom';\nexport type Z = ZoomLike;",
      says: 'store (state) and plot (drawing math) never import each other',
    },
    {
      rule: 'store never imports plot',
      path: 'src/store/probe.ts',
      bad: "import { squareDomainOf } from '../plot/domain';\nexport const d = squareDomainOf;",
      good: "import { NO_ZOOM } from '../math/zoom';\nexport const z = NO_ZOOM;",
      says: 'store (state) and plot (drawing math) never import each other',
    },
    {
      rule: 'trainer/shared imports only types and tfjs-free helpers',
      path: 'src/trainer/shared/probe.ts',
      bad: "import { runParity } from '../../learner/parity';\nexport const f = runParity;",
      good: "import type { Learner } from '../../learner/learner';\nimport { HEAD_IDS } from '../../loss/heads';\nexport const f = (l: Learner) => HEAD_IDS.length;",
      says: 'trainer/shared imports only types and pure helpers',
    },
    {
      rule: 'trainer/shared imports no outer layer',
      path: 'src/trainer/shared/probe.ts',
      bad: "import { createLabStore } from '../../store/store';\nexport const s = createLabStore;",
      good: "import { createRng } from '../../math/random';\nexport const r = createRng;",
      says: 'trainer/shared sits below both sides of the worker protocol',
    },
    {
      rule: 'pure cores import no UI',
      path: 'src/model/probe.ts',
      bad: "import { useState } from 'react';\nexport const u = useState;",
      good: "import { createRng } from '../math/random';\nexport const r = createRng;",
      says: 'Pure cores import no React, d3 or store',
    },
    {
      rule: 'the worker imports no store',
      path: 'src/trainer/worker/probe.ts',
      bad: "import { createLabStore } from '../../store/store';\nexport const s = createLabStore;",
      good: "import { validateConfig } from '../shared/validate';\nexport const v = validateConfig;",
      says: 'The worker never imports the DOM layer or the store',
    },
  ];

  it.each(cases)('$rule', async ({ path, bad, good, says }) => {
    const errors = await layerErrors(path, bad);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(says);
    expect(await layerErrors(path, good)).toEqual([]);
  });
});

/** The relative imports of `file` that survive compilation (`import type` and `export type` are erased). */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  return source.statements.flatMap((s) => {
    const erased =
      (ts.isImportDeclaration(s) && s.importClause?.isTypeOnly) || (ts.isExportDeclaration(s) && s.isTypeOnly);
    const from = (ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) && s.moduleSpecifier;
    return !erased && from && ts.isStringLiteral(from) ? [from.text] : [];
  });
}

/** The file a relative import names (`./x` → x.ts, x.tsx or x/index.ts). */
function resolve(from: string, specifier: string): string | undefined {
  const base = join(dirname(from), specifier);
  return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((f) => existsSync(f));
}

/** Whether loading `file` loads tfjs, through any chain of runtime imports. */
function reachesTfjs(file: string, seen = new Set<string>()): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  return runtimeImports(file).some((s) => {
    if (s.startsWith('@tensorflow/')) return true;
    const next = s.startsWith('.') ? resolve(file, s) : undefined;
    return next !== undefined && reachesTfjs(next, seen);
  });
}

const sources = (dir: string): string[] =>
  readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))
    .map((f) => join(root, dir, f));

describe('the tfjs-free list', () => {
  it('lets the page import only core modules that reach no tfjs, and keeps the tfjs-backed ones out', async () => {
    const modules = ['src/loss', 'src/model', 'src/learner', 'src/trainer/worker'].flatMap(sources);
    const allowed: string[] = [];
    for (const file of [...modules, join(root, 'src/loss/index.ts')]) {
      const specifier = relative(join(root, 'src/components'), file).replace(/\.tsx?$/, '');
      const errors = await layerErrors('src/components/Probe.tsx', `import * as m from '${specifier}';\nexport { m };`);
      if (errors.length === 0) allowed.push(relative(root, file));
    }
    expect(allowed.filter((f) => reachesTfjs(join(root, f)))).toEqual([]);
    // The list is in force both ways: what the page uses today passes, tfjs-backed modules do not.
    expect(allowed).toEqual(
      expect.arrayContaining(['src/loss/heads.ts', 'src/loss/heads/icu.ts', 'src/model/architecture.ts']),
    );
    for (const denied of [
      'src/loss/index.ts',
      'src/loss/heads/icu.tf.ts',
      'src/loss/heads.tf.ts',
      'src/model/backbone.ts',
    ])
      expect(allowed).not.toContain(denied);
  });
});
