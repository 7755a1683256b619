// `rootsmith serve`: starts the embedded services on loopback, prints ONE JSON line with their URLs once all are
// ready, and serves until SIGTERM/SIGINT, then shuts down cleanly. With no service flag, all of them start.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../../../core/clock';
import type { Backend } from '../../services';
import { serviceNames, type ServiceName } from '../../servers/service-host';
import { startStack } from '../../servers/serve-stack';
import { UsageError } from '../errors';
import { readSecret } from '../secrets';

export const serveUsage = `rootsmith serve --data DIR [--log] [--tsa] [--ca] [--oidc] [--tuf] [--port N] [service options]
                                                             start the embedded services (all when none is named);
                                                             prints one JSON line with their URLs, serves until stopped
  log:  --log-key REF      a key reference (PKCS#11 URI or key file) for checkpoints and SETs; default: a software key in DIR
  tsa:  --tsa-key REF --tsa-chain PEM --tsa-policy OID     default: a rehearsal chain made in DIR
  ca:   --ca-key REF --ca-chain PEM --oidc-issuer URL     default: a rehearsal root + Fulcio intermediate made in
                           DIR/ca, trusting this run's test OIDC issuer; starts a CT log (DIR/ctlog) announced as "ctlog"
        --ctlog-key REF    the CT log's key (ECDSA P-256); default: a rehearsal key made in DIR/ctlog
  tuf:  publishes trusted_root.json and signing_config.json of the services above through the TUF repository in
        DIR/tuf (a rehearsal repository is made when there is none) and serves it; announces "tufRoot"
  Ports are remembered in DIR/serve-ports.json so a restart keeps the same URLs. One serve (or the app's Services
  screen) at a time per DIR: DIR/serve.lock holds it until the services stop.
  secrets for keys: --pin-env NAME (PKCS#11 PIN) or --passphrase-env NAME (key files)`;

export async function runServe(argv: string[], _backend: Backend): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      log: { type: 'boolean' },
      tsa: { type: 'boolean' },
      ca: { type: 'boolean' },
      oidc: { type: 'boolean' },
      tuf: { type: 'boolean' },
      'log-key': { type: 'string' },
      'tsa-key': { type: 'string' },
      'tsa-chain': { type: 'string' },
      'tsa-policy': { type: 'string' },
      'ca-key': { type: 'string' },
      'ca-chain': { type: 'string' },
      'ctlog-key': { type: 'string' },
      'oidc-issuer': { type: 'string' },
      'pin-env': { type: 'string' },
      'passphrase-env': { type: 'string' },
      json: { type: 'boolean' },
    },
    strict: true,
  });
  if (!values.data) throw new UsageError('--data DIR is required: the services keep their keys, log and state there.');
  const dataDir = path.resolve(values.data);
  const flagged = serviceNames.filter((n) => values[n]);
  const wanted: ServiceName[] = flagged.length > 0 ? flagged : [...serviceNames];
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a TCP port number.');
  if (port !== 0 && wanted.length > 1) throw new UsageError('--port applies to one service at a time: name exactly one service flag with it.');
  const options: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(values)) if (typeof v === 'string') options[k] = v;
  // Listen for the stop signals before anything starts: a signal that arrives between the JSON line and a later
  // handler would kill the process without closing the services or releasing the data directory's lock.
  const stopRequested = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  const stack = await startStack({
    dataDir,
    services: wanted,
    clock: systemClock,
    port,
    options,
    log: (name, message) => process.stderr.write(`${name}: ${message}\n`),
    secret: (purpose, envName) =>
      readSecret({ envName: envName ?? values['pin-env'] ?? values['passphrase-env'], prompt: `${purpose}: `, flag: '--pin-env or --passphrase-env' }),
  });
  process.stdout.write(`${JSON.stringify(stack.announced)}\n`);
  await stopRequested;
  await stack.stop();
}
