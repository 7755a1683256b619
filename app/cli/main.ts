// `rootsmith`: every capability of the app, scriptable. Exit codes: 0 ok, 1 failed, 2 usage.
import { errorInfo } from '../../core/errors';
import { createBackend, type Backend } from '../services';
import { appVersion } from '../services/version';
import { UsageError } from './errors';
import { CommandFailed, emitError, progress } from './output';

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
    return { run: (argv) => m.runVerify(argv), usage: m.verifyUsage };
  },
  demo: async () => {
    const m = await import('./commands/demo.js');
    return { run: (argv) => m.runDemoCommand(argv), usage: m.demoUsage };
  },
};

async function usage(): Promise<string> {
  const parts = await Promise.all(Object.values(commands).map(async (load) => (await load()).usage));
  return `rootsmith ${appVersion()}: keys, certificates and TUF trust roots for a private Sigstore

Usage: rootsmith <noun> <verb> [options]    (add --json for machine-readable output)

${parts.join('\n\n')}`;
}

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const [noun, ...rest] = argv;
  if (noun === undefined || noun === 'help' || noun === '--help' || noun === '-h') {
    process.stdout.write(`${await usage()}\n`);
    return noun === undefined ? 2 : 0;
  }
  if (noun === '--version') {
    process.stdout.write(`${appVersion()}\n`);
    return 0;
  }
  const backend = createBackend('cli');
  backend.progress.subscribe((event) => progress(event.message));
  try {
    const load = Object.hasOwn(commands, noun) ? commands[noun] : undefined;
    if (!load) throw new UsageError(`Unknown command "${noun}": the commands are ${Object.keys(commands).join(', ')} (rootsmith help shows each one's options).`);
    const code = await (await load()).run(rest, backend);
    if (typeof code === 'number') return code;
    return 0;
  } catch (e) {
    if (e instanceof CommandFailed) {
      emitError(json, e.error);
      return 1;
    }
    const info = errorInfo(e);
    // parseArgs reports unknown or malformed flags with ERR_PARSE_ARGS_* codes: those are usage errors too.
    const code = (e as { code?: unknown }).code;
    if (e instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      emitError(json, { code: 'USAGE', message: info.message });
      return 2;
    }
    emitError(json, info);
    return 1;
  } finally {
    backend.dispose();
  }
}
