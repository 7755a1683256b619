// `rootsmith tuf <verb>`: a TUF trust root with threshold keys, offline multi-party signing sessions (request ->
// review -> sign -> import), publishing, the online refresh (cron), expiry overview, verification and a mirror.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { toBase64 } from '../../../core/bytes';
import type { TufChangeResult } from '../../contract/tuf';
import type { Backend } from '../../services';
import { publishedDirs, startTufMirror } from '../../servers/tuf/mirror';
import { UsageError } from '../errors';
import { emit, unwrap } from '../output';
import { resolveKeyArg, signerSpecFor, type SecretFlags } from '../tuf-key-refs';
import { readInputFile } from '../../services/tuf/read-input';
import { checkKeyRef, checkSigningKeyRef, MAX_EXPIRY_DAYS, repoArg, wholeNumber } from './tuf-args';
import { expiringText, importText, reviewText, statusText, verifyText } from './tuf-text';

export const tufUsage = `rootsmith tuf <verb> [options]                              TUF trust roots (all verbs take --json)
  init DIR --root-key [OWNER=]REF... --root-threshold N --targets-key [OWNER=]REF... [--targets-threshold N]
           --snapshot-key REF --timestamp-key REF              create a repository (root v1, targets v1 staged);
                                                              --targets-threshold defaults to 1
  key add ROLE --key [OWNER=]REF [DIR]                        add a key to a role (stages a new root/targets)
  key remove ROLE OWNER|KEYID [DIR]                           remove a key from a role
  threshold ROLE N [DIR]                                      set a role's threshold (at most its distinct keys;
                                                              snapshot and timestamp stay at 1)
  expiry ROLE DAYS [DIR]                                      set a role's validity period, 1 to 36500 days
  target add FILE [--path NAME] [--role ROLE] [DIR]           list a file as a target
  target remove NAME [--role ROLE] [DIR]                      stop listing a target
  delegate NAME --key [OWNER=]REF... [--threshold N] --paths PATTERN... [--terminating] [DIR]
  discard DIR                                                 drop every staged change and signature
  status [DIR]                                                roles, keys, thresholds, expiry, staged changes, progress
  request [DIR] [--out DIR2]                                  write signing requests for the staged roles
  review REQUEST                                              what a signer approves: the change and the bytes' SHA-256
  sign REQUEST --key REF --out SIG                            sign a request (on the signer's machine; REF is a private key)
  import DIR SIG...  |  import --repo DIR SIG...              check and merge signature files; report progress
  publish [DIR] --snapshot-key REF --timestamp-key REF        publish once every threshold is met
  refresh-online [DIR] --snapshot-key REF --timestamp-key REF new snapshot + timestamp (for a cron job)
  expiring [DIR] [--within DAYS]                              roles by expiry date (exit 1 if one has expired)
  verify --root FIRST_ROOT DIR|URL [--at TIME] [--state DIR] [--target PATH...] [--timeout S]
                                                              walk the root chain and check every role and target;
                                                              a mirror URL that does not answer within S seconds
                                                              (default 15) fails the verification
  serve [DIR] [--port N]                                      serve a published repository as a TUF mirror
DIR: the repository's directory, given as the last argument or as --repo DIR on every verb (default: the current
directory, except for init, discard and import). verify also takes --repo DIR|URL.
REF: a public key PEM file, a PKCS#11 URI (PIN from --pin-env NAME) or a key file (--passphrase-env NAME).`;

const options = {
  json: { type: 'boolean', default: false },
  repo: { type: 'string' },
  'root-key': { type: 'string', multiple: true },
  'root-threshold': { type: 'string' },
  'targets-key': { type: 'string', multiple: true },
  'targets-threshold': { type: 'string' },
  'snapshot-key': { type: 'string' },
  'timestamp-key': { type: 'string' },
  key: { type: 'string', multiple: true },
  threshold: { type: 'string' },
  paths: { type: 'string', multiple: true },
  terminating: { type: 'boolean' },
  path: { type: 'string' },
  role: { type: 'string' },
  out: { type: 'string' },
  within: { type: 'string' },
  root: { type: 'string' },
  at: { type: 'string' },
  state: { type: 'string' },
  target: { type: 'string', multiple: true },
  port: { type: 'string' },
  timeout: { type: 'string' },
  'pin-env': { type: 'string' },
  'passphrase-env': { type: 'string' },
} as const;

function int(value: string | undefined, flag: string, min = 1, max?: number): number {
  return wholeNumber(value, flag, min, max);
}

/** A positive number of seconds (fractions allowed), at most an hour. */
function seconds(value: string, flag: string): number {
  const s = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(s > 0 && s <= 3600)) throw new UsageError(`${flag} must be a number of seconds, above 0 and at most 3600.`);
  return s;
}

function req<T>(value: T | undefined, what: string): T {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) throw new UsageError(`${what} is required.\n${tufUsage}`);
  return value;
}

function changeResult(json: boolean, out: TufChangeResult, done: string): void {
  for (const w of out.warnings) process.stderr.write(`rootsmith: warning: ${w}\n`);
  emit(json, out, () => `${done}\n\n${statusText(out.status)}`);
}

/** `tuf key add|remove` and `tuf target add|remove` (the issue's spelling) are the same verbs as add-key etc. */
function normalizeVerb(argv: string[]): string[] {
  const [noun, action, ...rest] = argv;
  if ((noun === 'key' || noun === 'target') && (action === 'add' || action === 'remove')) return [`${action}-${noun}`, ...rest];
  return argv;
}

export async function runTuf(argv: string[], backend: Backend): Promise<number> {
  const [verb, ...rest] = normalizeVerb(argv);
  const { values: v, positionals: pos } = parseArgs({ args: rest, options, strict: true, allowPositionals: true });
  const json = v.json ?? false;
  const { registry } = backend;
  const flags: SecretFlags = { pinEnv: v['pin-env'], passphraseEnv: v['passphrase-env'] };
  /** The repository at positional `index` or --repo; the current directory when `cwd` and neither is given. */
  const repoAt = (index: number, cwd = true) => path.resolve(repoArg(v, pos, index, cwd ? '.' : undefined));
  const keyArg = (k: string, what: string, online = false) => {
    checkKeyRef(k, what);
    return resolveKeyArg(k, flags, online);
  };
  const keys = (list: string[] | undefined, what: string, online = false) => Promise.all(req(list, what).map((k) => keyArg(k, what, online)));
  const signingKey = (ref: string | undefined, what: string) => {
    checkSigningKeyRef(req(ref, what), what);
    return signerSpecFor(ref!, flags);
  };

  switch (verb) {
    case 'init': {
      const dir = repoArg(v, pos, 0);
      const out = unwrap(
        await registry.call('tuf', 'init', {
          dir,
          root: { keys: await keys(v['root-key'], '--root-key'), threshold: int(req(v['root-threshold'], '--root-threshold'), '--root-threshold') },
          targets: { keys: await keys(v['targets-key'], '--targets-key'), threshold: int(v['targets-threshold'] ?? '1', '--targets-threshold') },
          snapshot: { keys: [await keyArg(req(v['snapshot-key'], '--snapshot-key'), '--snapshot-key', true)], threshold: 1 },
          timestamp: { keys: [await keyArg(req(v['timestamp-key'], '--timestamp-key'), '--timestamp-key', true)], threshold: 1 },
        }),
      );
      changeResult(json, out, `Created the repository in ${dir}: root v1 and targets v1 are staged. Next: rootsmith tuf request ${dir} --out DIR`);
      return 0;
    }
    case 'add-key': {
      const role = req(pos[0], 'ROLE');
      const repo = repoAt(1);
      const [key] = await keys(v.key, '--key');
      changeResult(json, unwrap(await registry.call('tuf', 'addKey', { dir: repo, role, key: key! })), `Added ${key!.owner ?? 'the key'} to ${role}.`);
      return 0;
    }
    case 'remove-key': {
      const role = req(pos[0], 'ROLE');
      const key = req(pos[1], 'OWNER or KEYID');
      const repo = repoAt(2);
      changeResult(json, unwrap(await registry.call('tuf', 'removeKey', { dir: repo, role, key })), `Removed ${key} from ${role}.`);
      return 0;
    }
    case 'threshold': {
      const role = req(pos[0], 'ROLE');
      const threshold = int(req(pos[1], 'N'), 'N');
      const repo = repoAt(2);
      changeResult(json, unwrap(await registry.call('tuf', 'setThreshold', { dir: repo, role, threshold })), `${role} now needs ${threshold} signatures.`);
      return 0;
    }
    case 'expiry': {
      const role = req(pos[0], 'ROLE');
      const days = int(req(pos[1], 'DAYS'), 'expiry days', 1, MAX_EXPIRY_DAYS);
      const repo = repoAt(2);
      changeResult(json, unwrap(await registry.call('tuf', 'setExpiry', { dir: repo, role, days })), `${role} is now valid for ${days} days after each signing.`);
      return 0;
    }
    case 'add-target': {
      const file = req(pos[0], 'FILE');
      const repo = repoAt(1);
      const name = v.path ?? path.basename(file);
      const contentBase64 = toBase64(new Uint8Array(readInputFile(file, 'The target file')));
      changeResult(json, unwrap(await registry.call('tuf', 'addTarget', { dir: repo, path: name, contentBase64, ...(v.role ? { role: v.role } : {}) })), `Target ${name} staged.`);
      return 0;
    }
    case 'remove-target': {
      const name = req(pos[0], 'NAME');
      const repo = repoAt(1);
      changeResult(json, unwrap(await registry.call('tuf', 'removeTarget', { dir: repo, path: name, ...(v.role ? { role: v.role } : {}) })), `Target ${name} removed.`);
      return 0;
    }
    case 'delegate': {
      const name = req(pos[0], 'NAME');
      const repo = repoAt(1);
      const paths = req(v.paths, '--paths').flatMap((p) => p.split(',')).filter((p) => p !== '');
      const out = unwrap(
        await registry.call('tuf', 'delegate', {
          dir: repo,
          name,
          keys: await keys(v.key, '--key'),
          threshold: int(v.threshold ?? '1', '--threshold'),
          paths,
          ...(v.terminating ? { terminating: true } : {}),
        }),
      );
      changeResult(json, out, `Delegated ${paths.join(', ')} to ${name}.`);
      return 0;
    }
    case 'discard': {
      const out = unwrap(await registry.call('tuf', 'discard', { dir: repoAt(0, false) }));
      emit(json, out, () => `Staged changes discarded.\n\n${statusText(out)}`);
      return 0;
    }
    case 'status': {
      const out = unwrap(await registry.call('tuf', 'status', { dir: repoAt(0) }));
      emit(json, out, () => statusText(out));
      return 0;
    }
    case 'request': {
      const out = unwrap(await registry.call('tuf', 'requestSignatures', { dir: repoAt(0), ...(v.out ? { outDir: v.out } : {}) }));
      emit(json, out, () => out.requests.map((r) => `${r.role} v${r.version}: ${r.file}\n  sha256 ${r.payloadSha256}\n${r.summary.map((l) => `  - ${l}`).join('\n')}`).join('\n'));
      return 0;
    }
    case 'review': {
      const out = unwrap(await registry.call('tuf', 'review', { requestFile: req(pos[0], 'REQUEST') }));
      emit(json, out, () => reviewText(out));
      return 0;
    }
    case 'sign': {
      const requestFile = req(pos[0], 'REQUEST');
      const [ref] = req(v.key, '--key');
      const outFile = req(v.out, '--out');
      const out = unwrap(await registry.call('tuf', 'sign', { requestFile, signer: await signingKey(ref, '--key'), out: outFile }));
      emit(json, out, () => `Signed ${out.signature.role} v${out.signature.version} as ${out.signer}: ${out.file}\nBring this file back to the coordinator.`);
      return 0;
    }
    case 'import': {
      // `import DIR SIG...` or `import --repo DIR SIG...`: with --repo every positional is a signature file.
      const dir = v.repo ?? req(pos[0], 'DIR');
      const files = req(v.repo !== undefined ? pos : pos.slice(1), 'SIG');
      const signatures = files.map((f) => ({ name: f, contentBase64: toBase64(new Uint8Array(readInputFile(f, 'The signature file'))) }));
      const out = unwrap(await registry.call('tuf', 'importSignatures', { dir, signatures }));
      emit(json, out, () => importText(out));
      return 0;
    }
    case 'publish':
    case 'refresh-online': {
      const dir = repoAt(0);
      const snapshot = await signingKey(v['snapshot-key'], '--snapshot-key');
      const timestamp = await signingKey(v['timestamp-key'], '--timestamp-key');
      const out = unwrap(await registry.call('tuf', verb === 'publish' ? 'publish' : 'refreshOnline', { dir, snapshot, timestamp }));
      const { versions, written } = out;
      emit(json, out, () => `Published: ${Object.entries(versions).map(([r, n]) => `${r} v${n}`).join(', ')}\n${written.map((w) => `  ${w}`).join('\n')}`);
      return 0;
    }
    case 'expiring': {
      const out = unwrap(await registry.call('tuf', 'expiring', { dir: repoAt(0), ...(v.within !== undefined ? { withinDays: int(v.within, '--within', 0) } : {}) }));
      emit(json, out, () => expiringText(out));
      return out.roles.some((r) => r.daysLeft < 0) ? 1 : 0;
    }
    case 'verify': {
      const out = unwrap(
        await registry.call('tuf', 'verify', {
          root: req(v.root, '--root'),
          // The repository is a directory or a URL: taken as given (a URL must not be resolved as a path).
          repo: repoArg(v, pos, 0),
          ...(v.at ? { at: v.at } : {}),
          ...(v.state ? { stateDir: v.state } : {}),
          ...(v.target ? { targets: v.target } : {}),
          ...(v.timeout !== undefined ? { timeoutSeconds: seconds(v.timeout, '--timeout') } : {}),
        }),
      );
      const first = out.failures[0];
      const where = first?.role ? `${first.role}${first.version !== null ? ` v${first.version}` : ''}: ` : '';
      // A failed check is the report itself, with the first failure as its `error` (the one --json failure shape).
      const error = first ? { code: first.code, message: `verification failed (${first.engine}): ${where}${first.message}` } : undefined;
      emit(json, error ? { ...out, error } : out, () => verifyText(out));
      if (error) {
        process.stderr.write(`rootsmith: ${error.message} [${error.code}]\n`);
        return 1;
      }
      return 0;
    }
    case 'serve': {
      const port = v.port === undefined ? 0 : int(v.port, '--port', 0, 65535);
      const dirs = publishedDirs(repoAt(0));
      const mirror = await startTufMirror(dirs, port);
      process.stdout.write(`${JSON.stringify({ tuf: mirror.url })}\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await mirror.close();
      return 0;
    }
    default:
      throw new UsageError(verb ? `Unknown tuf verb "${verb}".\n${tufUsage}` : tufUsage);
  }
}
