// `rootsmith verify BUNDLE`: checks a Sigstore bundle against a trusted root (a file, or fetched through TUF)
// with @sigstore/verify, the identity and issuer required, and explains any failure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { trustedRootFromTuf } from '../../../core/sigstore/trusted-root-from-tuf';
import { verifyBundle } from '../../../core/sigstore/verify-bundle';
import { UsageError } from '../errors';
import { emit } from '../output';

export const verifyUsage = `rootsmith verify BUNDLE [--artifact FILE] --identity EMAIL|URI --issuer URL
                 (--trusted-root FILE | --tuf-mirror URL --tuf-root ROOT.json) [--timestamps N] [--json]
                                                             verify a Sigstore bundle as a Sigstore client would`;

function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`Cannot read ${what} ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
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

  let trustedRoot: unknown;
  if (fromFile) trustedRoot = readJson(fromFile, 'the trusted root');
  else {
    const cachePath = fs.mkdtempSync(path.join(os.tmpdir(), 'rootsmith-tuf-cache-'));
    try {
      trustedRoot = await trustedRootFromTuf({ mirrorURL: values['tuf-mirror']!, rootPath: path.resolve(values['tuf-root']!), cachePath });
    } finally {
      fs.rmSync(cachePath, { recursive: true, force: true });
    }
  }
  const options: Parameters<typeof verifyBundle>[0] = {
    bundle: readJson(bundleFile, 'the bundle'),
    trustedRoot,
    identity: values.identity,
    issuer: values.issuer,
  };
  if (values.artifact) options.artifact = fs.readFileSync(values.artifact);
  if (timestampThreshold !== undefined) options.timestampThreshold = timestampThreshold;
  const result = verifyBundle(options);
  emit(values.json ?? false, { verified: true, ...result }, () =>
    [
      `Verified: signed by ${result.identity ?? 'a trusted key'}${result.issuer ? ` (issuer ${result.issuer})` : ''}.`,
      ...result.tlogEntries.map((t) => `  logged at index ${t.logIndex}, integrated ${new Date(Number(t.integratedTime) * 1000).toISOString()}`),
      result.timestamps > 0 ? `  ${result.timestamps} timestamp(s) verified` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  );
}
