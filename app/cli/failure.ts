// Any failure of a CLI run as what the user sees: a typed { code, message } and the exit status (1 failed, 2 usage).
// Node's parseArgs errors become usage errors in our words, file-system errors name the path, never errno text.
import { errorInfo } from '../../core/errors';
import type { ApiError } from '../contract/result';
import { fileError } from '../services/file-errors';
import { UsageError } from './errors';
import { closest, flagsFor, helpText, usageShape, verbWords } from './help';
import { CommandFailed } from './output';

export interface Failure {
  exit: 1 | 2;
  error: ApiError;
}

/** The command being run, for messages: `rootsmith tuf init`, with the usage text its help comes from. */
export interface CommandContext {
  noun: string;
  usage: string;
  /** The arguments after the noun. */
  args: readonly string[];
}

function commandName(ctx: CommandContext): string {
  return ['rootsmith', ctx.noun, ...verbWords(usageShape(ctx.usage), ctx.args)].join(' ');
}

/** parseArgs names the option in quotes: `Unknown option '--foo'.`, `Option '--a <value>' argument missing`. */
function quoted(message: string): string {
  return /'([^' ]+)/.exec(message)?.[1] ?? '';
}

/** A parseArgs error (ERR_PARSE_ARGS_*) said in our words, with a "did you mean" and the usage; else undefined. */
export function parseArgsUsageError(e: unknown, ctx: CommandContext): UsageError | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) return undefined;
  const message = e instanceof Error ? e.message : String(e);
  const name = `\`${commandName(ctx)}\``;
  const usage = `\nUsage:\n${helpText(ctx.usage, ctx.args)}`;
  const option = quoted(message);
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const guess = closest(option, flagsFor(ctx.usage, ctx.args));
      return new UsageError(`Unknown option ${option} for ${name}${guess ? `: did you mean ${guess}?` : '.'}${usage}`);
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(`Unexpected argument "${/argument '(.*)'/.exec(message)?.[1] ?? option}" for ${name}: it takes options only.${usage}`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(message)) return new UsageError(`${option} takes no value (${name}).${usage}`);
      if (/ambiguous/.test(message)) {
        return new UsageError(`${option} needs a value, but the next argument starts with "-" (${name}); to give a value that starts with "-", write ${option}=VALUE.${usage}`);
      }
      return new UsageError(`${option} needs a value (${name}).${usage}`);
    default:
      return new UsageError(`The options of ${name} are not right.${usage}`);
  }
}

export function failureOf(e: unknown, ctx?: CommandContext): Failure {
  // The CLI builds each request from the user's arguments: one the contract refuses is a usage problem.
  if (e instanceof CommandFailed) return { exit: e.error.code === 'REQUEST_INVALID' ? 2 : 1, error: e.error };
  const parse = ctx ? parseArgsUsageError(e, ctx) : undefined;
  if (parse) return { exit: 2, error: errorInfo(parse) };
  if (e instanceof UsageError) return { exit: 2, error: errorInfo(e) };
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
    // Without the command's usage at hand: keep Node's first sentence, never its advice about '--'.
    return { exit: 2, error: { code: 'USAGE', message: `${(e as Error).message.split('. To specify')[0]!.replace(/'/g, '')}.` } };
  }
  const file = fileError(e);
  return { exit: 1, error: errorInfo(file ?? e) };
}
