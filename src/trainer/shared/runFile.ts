import { NETWORKS, type NetworkId } from '../../model/architecture';
import { hyperErrors, type HeadHyper, type HeadId } from '../../loss/heads';
import { learnerLayout, type LearnerSnapshot } from '../../learner/snapshot';
import type { ClassEvaluation } from '../../math/evaluation';
import { settingError, validateConfig } from './validate';
import type { RunConfig } from './config';
import type { HeadLoss } from './protocol';
import { snapshotBytes, type RunSnapshot } from './runSnapshot';
import { describeError } from '../../data/errors';

/*
 * A run as one file: the format of "Save run"/"Open run", of the save that survives a reload
 * (IndexedDB), and of the trained states the lab ships. Layout, little-endian:
 *
 *   8 bytes   MAGIC, "ICU-RUN" and a newline
 *   4 bytes   n, the header's length in bytes
 *   n bytes   the header: UTF-8 JSON { format, version, savedAt, config, state, history }
 *   0–3 bytes zero padding to a multiple of 4
 *   the rest  float32 arrays, in the order the header's tables list them
 *
 * Arrays are listed by parameter name (with their lengths), never by position, so the
 * optimizer's or the network's internal order can change without breaking saved runs.
 * A file of another version is refused whole, never half-loaded.
 */

/** The format's name and version: a change that older readers would misread bumps the version. */
export const RUN_FILE_FORMAT = 'icu-loss-lab/run';
export const RUN_FILE_VERSION = 1;
/** A run file's name ends with this. */
export const RUN_FILE_EXTENSION = '.icurun';

const MAGIC = new TextEncoder().encode('ICU-RUN\n');
const NUM_CLASSES = 10;
/** Headers are small (settings and curves of at most ~1,000 points each); a larger one is not ours. */
const MAX_HEADER_BYTES = 16 * 1024 * 1024;

/** One point of the loss curves: every head's loss parts at a step. */
export interface LossPoint {
  step: number;
  heads: HeadLoss[];
}

/** One evaluation: every head's test accuracy, per class and confused. */
export interface EvaluationPoint {
  step: number;
  epoch: number;
  heads: ClassEvaluation[];
}

/** Each head's accuracy on one drawn sample of `digits` digits (each at its latest prediction). */
export interface SampleScore {
  digits: number;
  heads: number[];
}

/** One frame's accuracies on its drawn training and test samples. */
export interface SamplePoint {
  step: number;
  train: SampleScore;
  test: SampleScore;
}

/** The curves the charts draw, so that a resumed run shows its past (named as the store holds them). */
export interface RunHistory {
  lossHistory: LossPoint[];
  evaluationHistory: EvaluationPoint[];
  sampleCurve: SamplePoint[];
}

/** The evaluation a run had at `step`: its last at or before it (a recorded frame's figure and charts show it). */
export function evaluationAt(history: readonly EvaluationPoint[], step: number): EvaluationPoint | null {
  return history.findLast((e) => e.step <= step) ?? null;
}

/** The curves up to a snapshot's step: points after it come again when the run resumes from it. */
export function historyUpTo(h: RunHistory, step: number): RunHistory {
  return {
    lossHistory: h.lossHistory.filter((p) => p.step <= step),
    evaluationHistory: h.evaluationHistory.filter((p) => p.step <= step),
    sampleCurve: h.sampleCurve.filter((p) => p.step <= step),
  };
}

/** What a run file holds. */
export interface RunFile {
  /** When it was written (ISO 8601). */
  savedAt: string;
  config: RunConfig;
  snapshot: RunSnapshot;
  history: RunHistory;
}

/** A saved run as a list shows it. */
export interface RunSummary {
  /** Where it is kept (see runKey). */
  key: string;
  savedAt: string;
  step: number;
  heads: HeadId[];
  network: NetworkId;
  /** The file's size in bytes. */
  size: number;
}

/** What a list of saved runs says of a run file kept under `key`. */
export function summarize(key: string, file: RunFile, size: number): RunSummary {
  return {
    key,
    savedAt: file.savedAt,
    step: file.snapshot.step,
    heads: file.config.heads.map((h) => h.id),
    network: file.snapshot.network,
    size,
  };
}

/**
 * Which saved run a configuration continues: the settings that fix a run (not the live ones,
 * which a run changes as it trains, nor where or how fast it trains). Opening the same URL again
 * finds it.
 */
export function runKey(c: RunConfig): string {
  const {
    seed,
    trainSize,
    testSize,
    batchSize,
    schedule,
    weightDecay,
    imbalance,
    imbalanceOrder,
    network,
    frameTrainPoints,
  } = c;
  const heads = c.heads.map((h) => h.id);
  return JSON.stringify({
    heads,
    network,
    seed,
    trainSize,
    testSize,
    batchSize,
    schedule,
    weightDecay,
    imbalance,
    imbalanceOrder,
    frameTrainPoints,
  });
}

/** Why a file is not a run this lab can open; the message says what is wrong, for the user. */
export class RunFileError extends Error {
  override name = 'RunFileError';
}

interface ArrayTable {
  values: [string, number][];
  optimizer: { t: number; m: [string, number][]; v: [string, number][] } | null;
}
interface HeaderLearner extends ArrayTable {
  head: string;
  hyper: Record<string, number | string>;
}

const table = (r: Record<string, Float32Array>): [string, number][] => Object.entries(r).map(([k, a]) => [k, a.length]);

/** The bytes of a run file. */
export function encodeRunFile(file: RunFile): Uint8Array<ArrayBuffer> {
  const head = runFileHead(runFileHeader(file));
  const body = snapshotBytes(file.snapshot);
  const bytes = new Uint8Array(head.length + body.length);
  bytes.set(head, 0);
  bytes.set(body, head.length);
  return bytes;
}

/** A run file's header, the JSON its tables and curves are in (see runFileHead). */
export function runFileHeader(file: RunFile): string {
  const { snapshot: s } = file;
  const learners: HeaderLearner[] = s.learners.map((l) => ({
    head: l.head,
    hyper: l.hyper,
    values: table(l.values),
    optimizer: l.optimizer && { t: l.optimizer.t, m: table(l.optimizer.m), v: table(l.optimizer.v) },
  }));
  const header = {
    format: RUN_FILE_FORMAT,
    version: RUN_FILE_VERSION,
    savedAt: file.savedAt,
    config: file.config,
    state: {
      network: s.network,
      step: s.step,
      epoch: s.epoch,
      batchInEpoch: s.batchInEpoch,
      learningRate: s.learningRate,
      learners,
    },
    history: file.history,
  };
  return JSON.stringify(header);
}

/**
 * A run file up to its arrays: the magic, the header's length, the header and its padding. The
 * arrays follow as `snapshotBytes` makes them (a snapshot message's `body`).
 */
export function runFileHead(header: string): Uint8Array<ArrayBuffer> {
  const json = new TextEncoder().encode(header);
  const head = new Uint8Array(align4(MAGIC.length + 4 + json.length));
  head.set(MAGIC, 0);
  new DataView(head.buffer).setUint32(MAGIC.length, json.length, true);
  head.set(json, MAGIC.length + 4);
  return head;
}

/** Reads and checks a run file whole; throws a RunFileError saying what is wrong. */
export function decodeRunFile(bytes: Uint8Array): RunFile {
  if (bytes.length < MAGIC.length + 4 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new RunFileError('it is not a run file of this lab (it does not start with "ICU-RUN")');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getUint32(MAGIC.length, true);
  if (n > MAX_HEADER_BYTES || MAGIC.length + 4 + n > bytes.length)
    throw new RunFileError('it is truncated (its header is cut off)');
  let header: unknown;
  try {
    header = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + n)),
    );
  } catch {
    throw new RunFileError('its header is not valid JSON');
  }
  const h = object(header, 'the header');
  if (h.format !== RUN_FILE_FORMAT)
    throw new RunFileError(`it is not a run file of this lab (format ${JSON.stringify(h.format)})`);
  if (h.version !== RUN_FILE_VERSION) {
    throw new RunFileError(
      typeof h.version === 'number' && h.version > RUN_FILE_VERSION
        ? `it was saved by a newer version of the lab (format version ${h.version}; this one reads ${RUN_FILE_VERSION})`
        : `it was saved in an old format (version ${JSON.stringify(h.version)}) that this version no longer reads`,
    );
  }
  let config: RunConfig;
  try {
    config = validateConfig(h.config);
  } catch (e) {
    throw new RunFileError(`its settings are invalid: ${describeError(e)}`);
  }
  const state = object(h.state, 'the state');
  const network = state.network;
  if (typeof network !== 'string' || !Object.hasOwn(NETWORKS, network))
    throw new RunFileError(`its network ${JSON.stringify(network)} is unknown`);
  const whole = (k: string) => {
    const v = state[k];
    if (!Number.isInteger(v) || (v as number) < 0) throw new RunFileError(`its ${k} is not a whole number ≥ 0`);
    return v as number;
  };
  const rateProblem = settingError('learningRate', state.learningRate);
  if (rateProblem) throw new RunFileError(`its state's ${rateProblem}`);
  const rawLearners = list(state.learners, 'the learners');
  if (rawLearners.length !== config.heads.length)
    throw new RunFileError(`it holds ${rawLearners.length} learners for ${config.heads.length} heads`);
  const reader = new Reader(bytes, align4(MAGIC.length + 4 + n));
  const learners = rawLearners.map((raw, i) => readLearner(raw, i, config, network as NetworkId, reader));
  if (reader.at !== bytes.length)
    throw new RunFileError(`it has ${bytes.length - reader.at} bytes more than its header describes`);
  const snapshot: RunSnapshot = {
    network: network as NetworkId,
    step: whole('step'),
    epoch: whole('epoch'),
    batchInEpoch: whole('batchInEpoch'),
    learningRate: state.learningRate as number,
    learners,
  };
  return {
    savedAt: typeof h.savedAt === 'string' ? h.savedAt : '',
    config,
    snapshot,
    history: readHistory(h.history, config.heads.length),
  };
}

/** A learner of the header: its head must be the config's, its arrays exactly the ones that head on that network holds. */
function readLearner(raw: unknown, i: number, config: RunConfig, network: NetworkId, reader: Reader): LearnerSnapshot {
  const l = object(raw, `learner ${i + 1}`);
  const head = config.heads[i]!.id;
  if (l.head !== head)
    throw new RunFileError(`learner ${i + 1} is ${JSON.stringify(l.head)} where the settings say ${head}`);
  const hyper = object(l.hyper, `${head}'s hyper-parameters`) as Record<string, number | string>;
  const errors = hyperErrors(head, hyper as unknown as HeadHyper[typeof head]);
  if (errors.length) throw new RunFileError(`${head}: ${errors.join('; ')}`);
  const layout = learnerLayout(NETWORKS[network], head, hyper, NUM_CLASSES);
  const names = (t: unknown, what: string, expected: Map<string, number>) => {
    const entries = list(t, `${head}'s ${what}`).map((e) => {
      if (!Array.isArray(e) || typeof e[0] !== 'string' || !Number.isInteger(e[1]))
        throw new RunFileError(`${head}'s ${what} table is malformed`);
      return e as [string, number];
    });
    const seen = new Set(entries.map(([k]) => k));
    const missing = [...expected.keys()].find((k) => !seen.has(k));
    if (missing)
      throw new RunFileError(`${head}'s ${what} lack ${missing} (a ${network} network's ${head} head holds it)`);
    for (const [k, length] of entries) {
      if (!expected.has(k))
        throw new RunFileError(`${head}'s ${what} hold ${k}, which a ${network} network's ${head} head does not have`);
      if (expected.get(k) !== length)
        throw new RunFileError(
          `${head}'s ${k} has ${length} numbers where a ${network} network needs ${expected.get(k)}`,
        );
    }
    if (seen.size !== entries.length) throw new RunFileError(`${head}'s ${what} list a name twice`);
    return entries;
  };
  const values = reader.read(names(l.values, 'values', layout.sizes), head);
  if (l.optimizer === null || l.optimizer === undefined) return { head, hyper, values, optimizer: null };
  const o = object(l.optimizer, `${head}'s optimizer`);
  if (!Number.isInteger(o.t) || (o.t as number) < 0)
    throw new RunFileError(`${head}'s optimizer step is not a whole number ≥ 0`);
  const trained = new Map(layout.trained.map((k) => [k, layout.sizes.get(k)!]));
  const m = reader.read(names(o.m, 'first moments', trained), head);
  const v = reader.read(names(o.v, 'second moments', trained), head);
  return { head, hyper, values, optimizer: { t: o.t as number, m, v } };
}

/** Reads the float32 arrays that follow the header, checking each is there and finite. */
class Reader {
  constructor(
    private readonly bytes: Uint8Array,
    public at: number,
  ) {}

  read(entries: [string, number][], head: string): Record<string, Float32Array> {
    const out: Record<string, Float32Array> = {};
    for (const [name, length] of entries) {
      if (this.at + 4 * length > this.bytes.length)
        throw new RunFileError(`it is truncated (${head}'s ${name} is cut off)`);
      // A copy: the file's buffer may be unaligned, and the arrays must outlive it.
      const a = new Float32Array(length);
      new Uint8Array(a.buffer).set(this.bytes.subarray(this.at, this.at + 4 * length));
      if (!a.every(Number.isFinite))
        throw new RunFileError(`${head}'s ${name} holds values that are not finite numbers`);
      out[name] = a;
      this.at += 4 * length;
    }
    return out;
  }
}

/** The curves, each point checked (JSON writes NaN, an empty sample's accuracy, as null). */
function readHistory(raw: unknown, heads: number): RunHistory {
  const h = object(raw, 'the history');
  const perHead = <T>(v: unknown, what: string, item: (x: unknown) => T): T[] => {
    const a = list(v, what);
    if (a.length !== heads) throw new RunFileError(`${what} has ${a.length} heads, not ${heads}`);
    return a.map(item);
  };
  const step = (p: Record<string, unknown>, what: string) => {
    if (!Number.isInteger(p.step)) throw new RunFileError(`${what} has no step`);
    return p.step as number;
  };
  const lossHistory = list(h.lossHistory, 'the loss curve').map((x) => {
    const p = object(x, 'a loss point');
    return {
      step: step(p, 'a loss point'),
      heads: perHead(p.heads, 'a loss point', (y) => {
        const l = object(y, 'a loss');
        return {
          total: num(l.total),
          ce: num(l.ce),
          reg: num(l.reg),
          hyper: object(l.hyper, "a loss's hyper-parameters") as HeadLoss['hyper'],
        };
      }),
    };
  });
  const evaluationHistory = list(h.evaluationHistory, 'the evaluations').map((x) => {
    const p = object(x, 'an evaluation');
    return {
      step: step(p, 'an evaluation'),
      epoch: num(p.epoch),
      heads: perHead(p.heads, 'an evaluation', (y) => {
        const e = object(y, 'an evaluation');
        return {
          accuracy: num(e.accuracy),
          perClass: list(e.perClass, 'per-class accuracy').map(num),
          confusion: list(e.confusion, 'a confusion matrix').map(num),
        };
      }),
    };
  });
  const score = (y: unknown): SampleScore => {
    const s = object(y, 'a sample score');
    return { digits: num(s.digits), heads: perHead(s.heads, 'a sample score', num) };
  };
  const sampleCurve = list(h.sampleCurve, 'the sample curve').map((x) => {
    const p = object(x, 'a sample point');
    return { step: step(p, 'a sample point'), train: score(p.train), test: score(p.test) };
  });
  return { lossHistory, evaluationHistory, sampleCurve };
}

function object(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new RunFileError(`${what} is missing or not an object`);
  return v as Record<string, unknown>;
}

function list(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw new RunFileError(`${what} is missing or not a list`);
  return v;
}

function num(v: unknown): number {
  if (v === null) return Number.NaN;
  if (typeof v !== 'number') throw new RunFileError(`a curve holds ${JSON.stringify(v)} where a number belongs`);
  return v;
}

function align4(n: number): number {
  return Math.ceil(n / 4) * 4;
}
