import { defaultHyper, isHeadId } from '../loss/heads';
import { quote } from './correct';

/**
 * Every URL parameter the lab reads, besides a head's hyper-parameters (`<head>.<name>`, named by
 * the head's defaults). Readers take their names from here (UrlParam), and the parser gives a notice
 * for any other parameter, so a misspelling is never ignored silently.
 */
export const URL_PARAMS = [
  // The run.
  'preset',
  'head',
  'heads',
  'train',
  'test',
  'seed',
  'batch',
  'lr',
  'wd',
  'imbalance',
  'order',
  'points',
  'threads',
  'backend',
  'arch',
  'features',
  'schedule',
  'autoplay',
  // The view.
  'ellipses',
  'sigmas',
  'field',
  'boundaries',
  'density',
  'misclassified',
  'cell',
  'zoom',
  'axes',
  'draw',
  'theme',
] as const;

/** A URL parameter's name. */
export type UrlParam = (typeof URL_PARAMS)[number];

const isUrlParam = (name: string): name is UrlParam => (URL_PARAMS as readonly string[]).includes(name);

/**
 * A notice for each parameter of `q` the lab does not read: a head's parameters are
 * `<head>.<name>` and, for the n-th of a kind that runs twice, `<head>.<n>.<name>`,
 * `<head>.<n>.fork` and `<head>.<n>.lr`; an unknown hyper-parameter names the known ones.
 */
export function unknownParams(q: URLSearchParams): string[] {
  const notices: string[] = [];
  for (const name of new Set(q.keys())) {
    if (isUrlParam(name)) continue;
    const dot = name.indexOf('.');
    const head = name.slice(0, dot);
    if (dot < 0 || !isHeadId(head)) {
      notices.push(`unknown parameter ${quote(name)} ignored`);
      continue;
    }
    const known = Object.keys(defaultHyper(head));
    const rest = name.slice(dot + 1),
      numbered = /^[1-9]\d*\.(.+)$/.exec(rest);
    if (known.includes(rest) || (numbered && [...known, 'fork', 'lr'].includes(numbered[1]!))) continue;
    notices.push(
      `unknown parameter ${quote(name)} ignored (${known.length ? `${head}'s hyper-parameters: ${known.join(', ')}` : `${head} has no hyper-parameters`})`,
    );
  }
  return notices;
}
