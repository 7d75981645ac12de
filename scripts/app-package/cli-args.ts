/** A command line that cannot be run; the message says what to type instead. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Reads `--env <name>` (or `--env=<name>`) from command-line arguments. */
export function readEnvArgument(args: readonly string[], usage: string): string {
  for (const [index, arg] of args.entries()) {
    if (arg === '--env') {
      const value = args[index + 1];
      if (value && !value.startsWith('--')) return value;
    }
    if (arg.startsWith('--env=') && arg.length > '--env='.length) return arg.slice('--env='.length);
  }
  throw new UsageError(`Name the environment: ${usage}`);
}
