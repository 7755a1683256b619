// `rootsmith verify BUNDLE`: checks a Sigstore bundle against a trusted root (a file, or fetched through TUF)
// with @sigstore/verify, the identity and issuer required, and explains any failure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { trustedRootFromTuf } from '../../../core/sigstore/trusted-root-from-tuf';
import { verifyBundle } from '../../../core/sigstore/verify-bundle';
import { fileError } from '../../services/file-errors';
import { UsageError } from '../errors';
import { emit } from '../output';

export const verifyUsage = `rootsmith verify BUNDLE --artifact FILE --identity EMAIL|URI --issuer URL
                 (--trusted-root FILE | --tuf-mirror URL --tuf-root ROOT.json) [--timestamps N] [--json]
                                                             verify a Sigstore bundle as a Sigstore client would;
                                                             --artifact is required unless the bundle is a DSSE
                                                             envelope, which carries its payload`;

function readFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw fileError(e, file) ?? e;
  }
}

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

export async function runVerify(argv: string[]): Promise<void> {
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

  const bundle = readJson(bundleFile, 'The bundle');
  if (!values.artifact && needsArtifact(bundle)) {
    throw new UsageError(`--artifact FILE is required: ${bundleFile} signs an artifact's digest, so it can only be checked against that artifact.`);
  }
  const artifact = values.artifact ? readFile(values.artifact) : undefined;
  let trustedRoot: unknown;
  if (fromFile) trustedRoot = readJson(fromFile, 'The trusted root');
  else {
    const cachePath = fs.mkdtempSync(path.join(os.tmpdir(), 'rootsmith-tuf-cache-'));
    try {
      trustedRoot = await trustedRootFromTuf({ mirrorURL: values['tuf-mirror']!, rootPath: path.resolve(values['tuf-root']!), cachePath });
    } finally {
      fs.rmSync(cachePath, { recursive: true, force: true });
    }
  }
  const options: Parameters<typeof verifyBundle>[0] = {
    bundle,
    trustedRoot,
    identity: values.identity,
    issuer: values.issuer,
  };
  if (artifact) options.artifact = artifact;
  if (timestampThreshold !== undefined) options.timestampThreshold = timestampThreshold;
  const result = verifyBundle(options);
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
