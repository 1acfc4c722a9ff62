import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a command's options the same way for every command: `--help` prints the help (exit 0), a wrong
 * option prints the problem and the help (exit 2). Returns the values, or the exit code to end with.
 */
export function commandArgs<O extends Options>(command: string, args: string[], options: O, help: string, allowPositionals = false): { values: Record<keyof O, string | boolean | undefined>; positionals: string[] } | { exit: number } {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args, allowPositionals, options: { ...options, help: { type: 'boolean', short: 'h' } } }) as { values: Record<string, string | boolean | undefined>; positionals: string[] });
  } catch (error) {
    console.error(`kontor ${command}: ${(error as Error).message}\n\n${help}`);
    return { exit: 2 };
  }
  if (values.help) {
    console.log(help);
    return { exit: 0 };
  }
  return { values: values as Record<keyof O, string | boolean | undefined>, positionals };
}
