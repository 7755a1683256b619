// `rootsmith`: every capability of the app, scriptable. Exit codes: 0 ok, 1 failed, 2 usage.
import { errorInfo } from '../../core/errors';
import { createBackend } from '../services';
import { appVersion } from '../services/version';
import { ceremonyUsage, runCeremony } from './commands/ceremony';
import { guiUsage, runGui } from './commands/gui';
import { runKeys, keysUsage } from './commands/keys';
import { logUsage, runLog } from './commands/log';
import { oidcUsage, runOidc } from './commands/oidc';
import { runServe, serveUsage } from './commands/serve';
import { runVerify, verifyUsage } from './commands/verify';
import { demoUsage, runDemoCommand } from './commands/demo';
import { runTsa, tsaUsage } from './commands/tsa';
import { runTuf, tufUsage } from './commands/tuf';
import { UsageError } from './errors';
import { CommandFailed, emitError, progress } from './output';

const usage = `rootsmith ${appVersion()}: keys, certificates and TUF trust roots for a private Sigstore

Usage: rootsmith <noun> <verb> [options]    (add --json for machine-readable output)

${keysUsage}

${ceremonyUsage}

${guiUsage}

${serveUsage}

${oidcUsage}

${tsaUsage}

${logUsage}

${tufUsage}

${verifyUsage}

${demoUsage}`;

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const [noun, ...rest] = argv;
  if (noun === undefined || noun === 'help' || noun === '--help' || noun === '-h') {
    process.stdout.write(`${usage}\n`);
    return noun === undefined ? 2 : 0;
  }
  if (noun === '--version') {
    process.stdout.write(`${appVersion()}\n`);
    return 0;
  }
  const backend = createBackend('cli');
  backend.progress.subscribe((event) => progress(event.message));
  try {
    switch (noun) {
      case 'keys':
        await runKeys(rest, backend);
        break;
      case 'ceremony':
        await runCeremony(rest, backend);
        break;
      case 'gui':
        await runGui(rest, backend);
        break;
      case 'tsa':
        await runTsa(rest, backend);
        break;
      case 'oidc':
        await runOidc(rest, backend);
        break;
      case 'serve':
        await runServe(rest, backend);
        break;
      case 'verify':
        await runVerify(rest);
        break;
      case 'demo':
        await runDemoCommand(rest);
        break;
      case 'log':
        return await runLog(rest);
      case 'tuf':
        return await runTuf(rest, backend);
      default:
        throw new UsageError(`Unknown command "${noun}".\n\n${usage}`);
    }
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
