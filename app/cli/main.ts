// `rootsmith`: every capability of the app, scriptable. Exit codes: 0 ok, 1 failed, 2 usage.
import { errorInfo } from '../../core/errors';
import { createBackend, type Backend } from '../services';
import { appVersion } from '../services/version';
import { UsageError } from './errors';
import { failureOf } from './failure';
import { closest, helpText, missingSubVerb } from './help';
import { emitError, progress } from './output';

type Runner = (argv: string[], backend: Backend) => Promise<number | void>;

/** Each noun's module loads only when that noun runs, so a command starts without loading the others. */
const commands: Record<string, () => Promise<{ run: Runner; usage: string }>> = {
  keys: async () => {
    const m = await import('./commands/keys.js');
    return { run: m.runKeys, usage: m.keysUsage };
  },
  ceremony: async () => {
    const m = await import('./commands/ceremony.js');
    return { run: m.runCeremony, usage: m.ceremonyUsage };
  },
  gui: async () => {
    const m = await import('./commands/gui.js');
    return { run: m.runGui, usage: m.guiUsage };
  },
  serve: async () => {
    const m = await import('./commands/serve.js');
    return { run: m.runServe, usage: m.serveUsage };
  },
  oidc: async () => {
    const m = await import('./commands/oidc.js');
    return { run: m.runOidc, usage: m.oidcUsage };
  },
  tsa: async () => {
    const m = await import('./commands/tsa.js');
    return { run: m.runTsa, usage: m.tsaUsage };
  },
  log: async () => {
    const m = await import('./commands/log.js');
    return { run: (argv) => m.runLog(argv), usage: m.logUsage };
  },
  tuf: async () => {
    const m = await import('./commands/tuf.js');
    return { run: m.runTuf, usage: m.tufUsage };
  },
  verify: async () => {
    const m = await import('./commands/verify.js');
    return { run: (argv, backend) => m.runVerify(argv, backend), usage: m.verifyUsage };
  },
  demo: async () => {
    const m = await import('./commands/demo.js');
    return { run: (argv) => m.runDemoCommand(argv), usage: m.demoUsage };
  },
};

async function usage(): Promise<string> {
  const parts = await Promise.all(Object.values(commands).map(async (load) => (await load()).usage));
  return `rootsmith ${appVersion()}: keys, certificates and TUF trust roots for a private Sigstore

Usage: rootsmith <noun> <verb> [options]
       rootsmith <noun> [<verb>] --help       the usage of one noun or verb
  Exit status: 0 done, 1 failed (the message and its [CODE] on stderr), 2 not understood (usage).
  --json: stdout carries exactly one JSON document: the result, or on failure {"ok": false, "error": {"code",
  "message"}}. Reports of checks (e.g. log verify-inclusion) keep their fields and add "ok": false and
  "error" to the same object. Streaming verbs (log monitor) print one JSON object per line, the failure too.

${parts.join('\n\n')}`;
}

/** --help or -h anywhere before a "--" asks for usage instead of running the command. */
function wantsHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const [noun, ...rest] = argv;
  // Like other CLIs: no command at all is a usage error (stderr, 2); asking for help is not (stdout, 0).
  if (noun === undefined) {
    process.stderr.write(`${await usage()}\n`);
    return 2;
  }
  if (noun === '--version') {
    process.stdout.write(`${appVersion()}\n`);
    return 0;
  }
  const topic = noun === 'help' || noun === '--help' || noun === '-h' ? rest[0] : undefined;
  if (topic === undefined && (noun === 'help' || noun === '--help' || noun === '-h')) {
    process.stdout.write(`${await usage()}\n`);
    return 0;
  }
  const name = topic ?? noun;
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    const guess = closest(name, Object.keys(commands));
    const error = new UsageError(`Unknown command "${name}"${guess ? `: did you mean ${guess}?` : '.'} The commands are ${Object.keys(commands).join(', ')} (rootsmith help shows each one's options).`);
    emitError(json, errorInfo(error));
    return 2;
  }
  let command: Awaited<ReturnType<typeof load>>;
  try {
    command = await load();
  } catch (e) {
    const failure = failureOf(e);
    emitError(json, failure.error);
    return failure.exit;
  }
  const args = topic === undefined ? rest : rest.slice(1);
  if (topic !== undefined || wantsHelp(args)) {
    process.stdout.write(`${helpText(command.usage, args)}\n`);
    return 0;
  }
  const ctx = { noun, usage: command.usage, args };
  const subs = missingSubVerb(command.usage, args);
  if (subs) {
    const error = new UsageError(`\`rootsmith ${noun} ${args[0]}\` needs one of: ${subs.join(', ')}.\n${helpText(command.usage, args.slice(0, 1))}`);
    emitError(json, errorInfo(error));
    return 2;
  }
  const backend = createBackend('cli');
  backend.progress.subscribe((event) => progress(event.message));
  try {
    const code = await command.run(args, backend);
    if (typeof code === 'number') return code;
    return 0;
  } catch (e) {
    const failure = failureOf(e, ctx);
    emitError(json, failure.error);
    return failure.exit;
  } finally {
    backend.dispose();
  }
}
