/** @internal A small argv parser: a command, then `--name value` / `--name=value` / `--flag`. */
export interface ParsedArgs {
  readonly command: string | undefined;
  readonly options: ReadonlyMap<string, string>;
  readonly flags: ReadonlySet<string>;
  readonly positional: readonly string[];
}

/** Options that take no value. */
const FLAGS = new Set(['help', 'version']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const options = new Map<string, string>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h') flags.add('help');
    else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (FLAGS.has(name)) flags.add(name);
      else if (eq > 0) options.set(name, a.slice(eq + 1));
      else {
        const next = argv[i + 1];
        if (next === undefined || next.startsWith('--')) options.set(name, '');
        else {
          options.set(name, next);
          i++;
        }
      }
    } else positional.push(a);
  }
  return { command: positional[0], options, flags, positional: positional.slice(1) };
}
