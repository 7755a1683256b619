// `rootsmith tsa stamp|verify`: timestamp a file at any RFC 3161 TSA and verify a token against data and a chain.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fromBase64, toBase64 } from '../../../core/bytes';
import type { DecodedTimestampView } from '../../contract/tsa';
import type { Backend } from '../../services';
import { fileError, fileExists, readFileOrFail as readFile } from '../../services/file-errors';
import { UsageError } from '../errors';
import { emit, unwrap } from '../output';

export const tsaUsage = `rootsmith tsa <verb> [options]
  stamp   FILE --url URL [--out TOKEN.tsr] [--json]           timestamp FILE (SHA-256, random nonce, certReq) and check
                                                             the answer; writes the TimeStampResp (default FILE.tsr,
                                                             never overwritten); the URL may also come positionally:
                                                             \`tsa stamp URL FILE\`, like \`log get URL\`
  verify  TOKEN --data FILE --chain PEM [--policy OID] [--json]
                                                             verify a token for FILE against the chain's root (last in PEM)`;

export function describeToken(d: DecodedTimestampView): string {
  const t = d.token;
  if (!t) return `status ${String(d.status)}${d.statusStrings.length ? `: ${d.statusStrings.join('; ')}` : ''}`;
  return [
    `  genTime    ${t.genTime}`,
    `  policy     ${t.policyOid}`,
    `  serial     ${t.serialHex}`,
    `  imprint    ${t.imprint.algorithm} ${t.imprint.hashHex}`,
    ...(t.nonceHex ? [`  nonce      ${t.nonceHex}`] : []),
    `  signer     ${t.signer?.subject ?? t.signerId.issuer ?? '(not in token)'}`,
  ].join('\n');
}

function one(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`Give exactly one ${what}.\n${tsaUsage}`);
  return positionals[0]!;
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

// The contract's field names, said as the flags and arguments the user typed.
const stampFlags = { url: '--url', path: 'FILE' };
const verifyFlags = { tokenBase64: 'TOKEN', dataPath: '--data', chainPem: '--chain', policy: '--policy' };

export async function runTsa(argv: string[], backend: Backend): Promise<void> {
  const [verb, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      url: { type: 'string' },
      out: { type: 'string' },
      data: { type: 'string' },
      chain: { type: 'string' },
      policy: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  const json = values.json ?? false;
  const { registry } = backend;
  switch (verb) {
    case 'stamp': {
      // The TSA URL as --url, or positionally (before or after FILE) as `log` takes its URL.
      const urls = positionals.filter(isUrl);
      if (urls.length + (values.url ? 1 : 0) > 1) throw new UsageError('Give the TSA URL once (as --url URL or as an argument).');
      const url = values.url ?? urls[0];
      const file = path.resolve(one(positionals.filter((p) => !isUrl(p)), 'FILE to timestamp'));
      if (!url) throw new UsageError('--url URL is required: the TSA to ask (e.g. the "tsa" URL printed by `rootsmith serve --tsa`).');
      readFile(file);
      const target = path.resolve(values.out ?? `${file}.tsr`);
      // Checked before asking the TSA too, so no token is fetched for nothing; the write below stays create-exclusive.
      if (fs.existsSync(target)) throw fileExists(target);
      const out = unwrap(await registry.call('tsa', 'stamp', { path: file, url }), stampFlags);
      try {
        // Create-exclusive: an existing token file is never overwritten.
        fs.writeFileSync(target, fromBase64(out.tokenBase64), { flag: 'wx' });
      } catch (e) {
        throw fileError(e, target) ?? e;
      }
      emit(json, { ...out, out: target }, () => `Timestamped ${file} at ${out.url}; token written to ${target}\n${describeToken(out.decoded)}`);
      return;
    }
    case 'verify': {
      const token = path.resolve(one(positionals, 'TOKEN file'));
      if (!values.data) throw new UsageError('--data FILE is required: the file the token is for.');
      if (!values.chain) throw new UsageError('--chain PEM is required: the TSA chain, leaf first, ending with the root to trust.');
      const tokenBase64 = toBase64(readFile(token));
      const chainPem = readFile(values.chain).toString('utf8');
      readFile(values.data);
      const out = unwrap(
        await registry.call('tsa', 'verify', { tokenBase64, dataPath: path.resolve(values.data), chainPem, ...(values.policy ? { policy: values.policy } : {}) }),
        verifyFlags,
      );
      emit(json, out, () => `Token verified: ${token}\n  chain      ${out.chain.join(' <- ')}\n${describeToken(out.decoded)}`);
      return;
    }
    default:
      throw new UsageError(`${verb ? `Unknown tsa verb "${verb}".` : 'Name a tsa verb.'}\n${tsaUsage}`);
  }
}
