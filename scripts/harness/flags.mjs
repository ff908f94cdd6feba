import { parseArgs } from 'node:util';
import { CliError } from './errors.mjs';

/** Parsers for flag values; each throws a CliError naming the flag. */
export const parse = {
  int:
    (flag, min = 1) =>
    (raw) => {
      const v = Number(raw);
      if (!Number.isInteger(v) || v < min)
        throw new CliError(`--${flag} must be a whole number ≥ ${min}, got ${JSON.stringify(raw)}`, 2);
      return v;
    },
  number: (flag) => (raw) => {
    const v = Number(raw);
    if (raw === '' || !Number.isFinite(v))
      throw new CliError(`--${flag} must be a number, got ${JSON.stringify(raw)}`, 2);
    return v;
  },
  string: () => (raw) => raw,
};

/**
 * Parses argv against a spec { flag: { value: 'N', help, parse, default } } (no `value` = a boolean
 * switch). Unknown flags are an error. Returns the parsed values, defaults filled in, and which
 * flags were given (so a script passes on only what the user set).
 */
export function parseFlags(argv, spec) {
  const options = Object.fromEntries(
    Object.entries(spec).map(([k, s]) => [k, { type: s.value ? 'string' : 'boolean' }]),
  );
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
  } catch (e) {
    throw new CliError(`${e.message} (see --help)`, 2);
  }
  const out = {};
  for (const [k, s] of Object.entries(spec)) {
    out[k] = values[k] === undefined ? s.default : s.value ? s.parse(values[k]) : values[k];
  }
  return { flags: out, given: new Set(Object.keys(values)) };
}

/** The --help text of a spec, under a one-paragraph description. */
export function usage(command, about, spec) {
  const lines = Object.entries(spec).map(([k, s]) => {
    const left = `  --${k}${s.value ? ` ${s.value}` : ''}`;
    const def = s.default === undefined || s.default === false ? '' : ` (default ${s.default})`;
    return `${left.padEnd(24)}${s.help}${def}`;
  });
  return [`Usage: ${command} [flags]`, '', about, '', 'Flags:', ...lines].join('\n');
}
