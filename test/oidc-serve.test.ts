// The TEST OIDC issuer as clients meet it over HTTP (`rootsmith serve --oidc`): discovery, JWKS and the token
// endpoint in its three forms; tokens verify against the served JWKS; the CLI's contract and its failures.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJws, parseJwks, verifyIdentityToken } from '../core/ca';
import { systemClock } from '../core/clock';
import { runCli } from './support/cli';
import { startServe, type Served } from './support/serve';
import { makeTempDir } from './support/temp-dir';

const tmp = makeTempDir('rs-oidc-serve-');
let served: Served | undefined;
after(async () => {
  await served?.stop();
  tmp.cleanup();
});

test('discovery, JWKS and tokens from `rootsmith serve --oidc`, labelled rehearsal-only', async () => {
  served = await startServe(['--oidc', '--data', tmp.dir]);
  const oidc = served.urls.oidc!;
  assert.match(served.stderr(), /TEST OIDC issuer \(rehearsals only/);
  const discovery = (await (await fetch(`${oidc}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
  assert.equal(discovery.issuer, oidc);
  assert.equal(discovery.rootsmith_rehearsal_only, true);
  const jwks = parseJwks(await (await fetch(discovery.jwks_uri as string)).json());
  assert.equal(jwks.keys.length, 1);
  assert.equal(jwks.keys[0]!.kty, 'EC');

  const viaGet = (await (await fetch(`${oidc}/token?email=dev%40example.com`)).json()) as { token: string; rehearsal_only: boolean };
  const viaForm = (await (await fetch(`${oidc}/token`, { method: 'POST', body: new URLSearchParams({ email: 'dev@example.com' }) })).json()) as { token: string };
  const viaJson = (await (await fetch(`${oidc}/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":"dev@example.com"}' })).json()) as { token: string };
  assert.equal(viaGet.rehearsal_only, true);
  for (const token of [viaGet.token, viaForm.token, viaJson.token]) {
    const v = verifyIdentityToken(token, { jwks, issuer: oidc, clock: systemClock });
    assert.equal(v.email, 'dev@example.com');
    assert.match(String(decodeJws(token).payload.rootsmith_rehearsal), /rehearsals only/);
  }

  const missing = await fetch(`${oidc}/token`, { method: 'POST' });
  assert.equal(missing.status, 400);
  const notAddress = await fetch(`${oidc}/token?email=nobody`);
  assert.deepEqual([notAddress.status, ((await notAddress.json()) as { code: string }).code], [400, 'TOKEN_INVALID']);
  assert.equal((await fetch(`${oidc}/authorize`)).status, 404);

  // The CLI: a token on stdout (notice on stderr), { token } with --json; usage and unreachable errors.
  const cli = runCli(['oidc', 'token', '--url', oidc, '--email', 'ops@example.com', '--json']);
  assert.equal(cli.status, 0, cli.stderr);
  assert.deepEqual(Object.keys(cli.json() as object), ['token']);
  assert.equal(verifyIdentityToken((cli.json() as { token: string }).token, { jwks, issuer: oidc, clock: systemClock }).email, 'ops@example.com');
  assert.equal(runCli(['oidc', 'token', '--email', 'ops@example.com']).status, 2);
  const refused = runCli(['oidc', 'token', '--url', oidc, '--email', 'nobody']);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /not an email address.*\[OIDC_REFUSED\]/);
  await served.stop();
  const gone = runCli(['oidc', 'token', '--url', oidc, '--email', 'ops@example.com']);
  assert.equal(gone.status, 1);
  assert.match(gone.stderr, /\[OIDC_UNREACHABLE\]/);
});
