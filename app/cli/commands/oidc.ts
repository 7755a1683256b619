// `rootsmith oidc token`: asks the TEST OIDC issuer of `rootsmith serve --oidc` for an identity token (rehearsals
// only) and prints it, for `cosign --identity-token`, sigstore-js or curl against the local CA.
import { parseArgs } from 'node:util';
import { fetchTestToken } from '../../rehearsal/test-oidc-client';
import type { Backend } from '../../services';
import { UsageError } from '../errors';
import { emit } from '../output';

export const oidcUsage = `rootsmith oidc <verb> [options]
  token   --url OIDC_URL --email ADDRESS [--json]            a fresh identity token (aud "sigstore", 10 minutes) from the
                                                             TEST issuer of \`rootsmith serve --oidc\`; rehearsals only;
                                                             the URL may also come positionally: \`oidc token URL\``;

export async function runOidc(argv: string[], _backend: Backend): Promise<void> {
  const [verb, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: { url: { type: 'string' }, email: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: true,
  });
  if (verb !== 'token') throw new UsageError(`${verb ? `Unknown oidc verb "${verb}".` : 'Name an oidc verb.'}\n${oidcUsage}`);
  // The issuer URL as --url, or positionally as `log` takes its URL.
  const given = values.url === undefined ? positionals : [values.url, ...positionals];
  if (given.length > 1) throw new UsageError(`Give one issuer URL (as --url URL or as an argument).\n${oidcUsage}`);
  const url = given[0];
  if (!url || !values.email) throw new UsageError(`--url and --email are required.\n${oidcUsage}`);
  if (!/^https?:\/\//i.test(url)) throw new UsageError(`"${url}" is not an http(s) URL.`);
  const token = await fetchTestToken(url, values.email);
  if (!values.json) process.stderr.write('rootsmith: this token is from the Rootsmith TEST OIDC issuer: for rehearsals only.\n');
  emit(values.json ?? false, { token }, () => token);
}
