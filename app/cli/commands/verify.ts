// `rootsmith verify BUNDLE`: checks a Sigstore bundle against a trusted root (a file, or fetched through TUF)
// with @sigstore/verify, the identity and issuer required, and explains any failure; through the bundle service,
// the same code as the GUI's "Verify a signature" panel.
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { RequestOf } from '../../contract/api';
import type { Backend } from '../../services';
import { readFileOrFail as readFile } from '../../services/file-errors';
import { UsageError } from '../errors';
import { CommandFailed, emit, unwrap } from '../output';

export const verifyUsage = `rootsmith verify BUNDLE --artifact FILE --identity EMAIL|URI --issuer URL
                 (--trusted-root FILE | --tuf-mirror URL --tuf-root ROOT.json) [--timestamps N] [--json]
                                                             verify a Sigstore bundle as a Sigstore client would;
                                                             --artifact is required unless the bundle is a DSSE
                                                             envelope, which carries its payload`;

function readJson(file: string, what: string): unknown {
  const text = readFile(file).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${what} ${file} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** A bundle signing the artifact's digest (messageSignature) proves nothing without the artifact; a DSSE one carries it. */
function needsArtifact(bundle: unknown): boolean {
  return typeof bundle === 'object' && bundle !== null && 'messageSignature' in bundle;
}

export async function runVerify(argv: string[], backend: Backend): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      artifact: { type: 'string' },
      identity: { type: 'string' },
      issuer: { type: 'string' },
      'trusted-root': { type: 'string' },
      'tuf-mirror': { type: 'string' },
      'tuf-root': { type: 'string' },
      timestamps: { type: 'string' },
      json: { type: 'boolean' },
    },
    strict: true,
  });
  const [bundleFile] = positionals;
  if (!bundleFile || positionals.length > 1) throw new UsageError(`Name exactly one bundle file.\n${verifyUsage}`);
  if (!values.identity || !values.issuer) throw new UsageError('--identity and --issuer are required: a signature is only meaningful with who made it.');
  const fromFile = values['trusted-root'];
  const fromTuf = values['tuf-mirror'] !== undefined || values['tuf-root'] !== undefined;
  if (Boolean(fromFile) === fromTuf) throw new UsageError('Give the trusted root either as --trusted-root FILE or as --tuf-mirror URL with --tuf-root ROOT.json.');
  if (fromTuf && (!values['tuf-mirror'] || !values['tuf-root'])) throw new UsageError('--tuf-mirror and --tuf-root go together.');
  const timestampThreshold = values.timestamps === undefined ? undefined : Number(values.timestamps);
  if (timestampThreshold !== undefined && !(Number.isInteger(timestampThreshold) && timestampThreshold >= 0)) throw new UsageError('--timestamps must be a whole number.');

  const bundleText = readFile(bundleFile).toString('utf8');
  let bundle: unknown;
  try {
    bundle = JSON.parse(bundleText);
  } catch (e) {
    throw new UsageError(`The bundle ${bundleFile} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!values.artifact && needsArtifact(bundle)) {
    throw new UsageError(`--artifact FILE is required: ${bundleFile} signs an artifact's digest, so it can only be checked against that artifact.`);
  }
  // Read here first so a missing or unreadable file is named as the CLI names files; the service reads it again.
  if (values.artifact) readFile(values.artifact);
  let trustedRoot: RequestOf<'bundle', 'verify'>['trustedRoot'];
  if (fromFile) {
    readJson(fromFile, 'The trusted root');
    trustedRoot = { source: 'file', path: path.resolve(fromFile) };
  } else trustedRoot = { source: 'tuf', mirrorUrl: values['tuf-mirror']!, rootPath: path.resolve(values['tuf-root']!) };
  const request: RequestOf<'bundle', 'verify'> = { bundleJson: bundleText, identity: values.identity, issuer: values.issuer, trustedRoot };
  if (values.artifact) request.artifactPath = path.resolve(values.artifact);
  if (timestampThreshold !== undefined) request.timestampThreshold = timestampThreshold;
  const flags = { bundleJson: 'BUNDLE', identity: '--identity', issuer: '--issuer', artifactPath: '--artifact', timestampThreshold: '--timestamps', 'trustedRoot.path': '--trusted-root', 'trustedRoot.mirrorUrl': '--tuf-mirror', 'trustedRoot.rootPath': '--tuf-root' };
  const out = unwrap(await backend.registry.call('bundle', 'verify', request), flags);
  // A refusal is the service's verdict; the CLI fails with its code and words, exit 1.
  if (!out.verified || !out.verification) throw new CommandFailed(out.failure ?? { code: 'VERIFICATION_FAILED', message: 'The bundle did not verify.' });
  const result = out.verification;
  emit(values.json ?? false, { verified: true, artifact: values.artifact ? path.resolve(values.artifact) : null, ...result }, () =>
    [
      `Verified: signed by ${result.identity ?? 'a trusted key'}${result.issuer ? ` (issuer ${result.issuer})` : ''}.`,
      values.artifact ? `  artifact ${path.resolve(values.artifact)} matches the signature` : '  the payload checked is the one inside the DSSE envelope (no --artifact given)',
      ...result.tlogEntries.map((t) => `  logged at index ${t.logIndex}, integrated ${new Date(Number(t.integratedTime) * 1000).toISOString()}`),
      result.timestamps > 0 ? `  ${result.timestamps} timestamp(s) verified` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  );
}
