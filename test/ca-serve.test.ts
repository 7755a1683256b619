// The local CA as Sigstore clients meet it: `rootsmith serve --ca --oidc`, a token from `rootsmith oidc token`,
// a certificate requested by @sigstore/sign's own FulcioSigner, checked by `openssl verify -x509_strict` and
// `openssl x509 -text`, its embedded SCT verified by @sigstore/verify against a trusted root listing our CT log;
// then every bad token and a bad proof of possession get a clear 4xx, and a restart keeps the CA and the log.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync, sign as cryptoSign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { X509Certificate } from '@sigstore/core';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { FulcioSigner } from '@sigstore/sign';
import { toTrustMaterial } from '@sigstore/verify';
import { verifyCertificate } from '@sigstore/verify/dist/key';
import { fromPem, parsePemBlocks } from '../core/bytes';
import { TestOidcIssuer } from '../core/ca';
import { generateEphemeralSigner, loadSoftwareKey } from '../core/keys';
import { buildTrustedRoot } from '../core/sigstore';
import { runCli } from './support/cli';
import { startServe, type Served } from './support/serve';
import { makeTempDir } from './support/temp-dir';

const tmp = makeTempDir('rs-ca-serve-');
let served: Served | undefined;
after(async () => {
  await served?.stop();
  tmp.cleanup();
});

const EMAIL = 'release-manager@example.com';

async function post(url: string, body: unknown): Promise<{ status: number; json: { code?: string; message?: string } & Record<string, unknown> }> {
  const res = await fetch(`${url}/api/v2/signingCert`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as { code?: string } & Record<string, unknown> };
}

function request(token: string, proveText = EMAIL) {
  const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    credentials: { oidcIdentityToken: token },
    publicKeyRequest: {
      publicKey: { algorithm: 'ECDSA', content: key.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
      proofOfPossession: cryptoSign('sha256', Buffer.from(proveText), key.privateKey).toString('base64'),
    },
  };
}

test('sigstore-js gets a certificate that openssl and @sigstore/verify accept; bad requests get clear 4xx', async () => {
  served = await startServe(['--ca', '--oidc', '--data', tmp.dir]);
  const { ca, oidc, ctlog } = served.urls as { ca: string; oidc: string; ctlog: string };
  assert.ok(ca && oidc && ctlog, JSON.stringify(served.urls));

  const cli = runCli(['oidc', 'token', '--url', oidc, '--email', EMAIL, '--json']);
  assert.equal(cli.status, 0, cli.stderr);
  const { token } = cli.json() as { token: string };
  const text = runCli(['oidc', 'token', '--url', oidc, '--email', EMAIL]);
  assert.match(text.stderr, /TEST OIDC issuer: for rehearsals only/);
  assert.equal(text.stdout.trim().split('.').length, 3);

  // The real client: FulcioSigner signs the token's email with an ephemeral key and posts to /api/v2/signingCert.
  const signer = new FulcioSigner({ fulcioBaseURL: ca, identityProvider: { getToken: async () => token } });
  const signed = await signer.sign(Buffer.from('artifact'));
  assert.equal(signed.key.$case, 'x509Certificate');
  const leafPem = signed.key.$case === 'x509Certificate' ? signed.key.certificate : '';
  const bundle = (await (await fetch(`${ca}/api/v2/trustBundle`)).json()) as { chains: { certificates: string[] }[] };
  const [interPem, rootPem] = bundle.chains[0]!.certificates as [string, string];
  for (const [name, pem] of Object.entries({ leaf: leafPem, inter: interPem, root: rootPem })) fs.writeFileSync(path.join(tmp.dir, `${name}.pem`), pem);
  const f = (n: string) => path.join(tmp.dir, `${n}.pem`);

  const verify = spawnSync('openssl', ['verify', '-x509_strict', '-CAfile', f('root'), '-untrusted', f('inter'), f('leaf')], { encoding: 'utf8' });
  assert.equal(verify.status, 0, verify.stdout + verify.stderr);
  assert.match(verify.stdout, /: OK/);
  const dump = execFileSync('openssl', ['x509', '-in', f('leaf'), '-noout', '-text'], { encoding: 'utf8' });
  assert.match(dump, /X509v3 Subject Alternative Name: critical\s+email:release-manager@example\.com/);
  assert.match(dump, /X509v3 Extended Key Usage:\s+Code Signing/);
  assert.match(dump, /X509v3 Key Usage: critical\s+Digital Signature/);
  assert.match(dump, /1\.3\.6\.1\.4\.1\.57264\.1\.1:\s+http:\/\/127\.0\.0\.1/);
  assert.match(dump, /1\.3\.6\.1\.4\.1\.57264\.1\.8:/);
  assert.match(dump, /CT Precertificate SCTs:\s+Signed Certificate Timestamp:/);
  assert.match(dump, /Subject: ?\n/);
  const notBefore = Date.parse(/Not Before: (.*)/.exec(dump)![1]!);
  const notAfter = Date.parse(/Not After : (.*)/.exec(dump)![1]!);
  assert.equal(notAfter - notBefore, 10 * 60_000);

  // @sigstore/verify: the chain to our CA and the SCT against a trusted root listing our CT log.
  const ctKey = fromPem(fs.readFileSync(path.join(tmp.dir, 'ctlog', 'ctlog-public-key.pem'), 'utf8'), 'PUBLIC KEY');
  const chainDer = [interPem, rootPem].map((p) => parsePemBlocks(p)[0]!.der);
  const trusted = buildTrustedRoot({
    certificateAuthorities: [{ uri: ca, chain: chainDer }],
    ctlogs: [{ baseUrl: ctlog, publicKey: ctKey, validFrom: new Date(Date.now() - 3600_000) }],
  });
  const leaf = X509Certificate.parse(leafPem);
  const result = verifyCertificate(leaf, [new Date()], toTrustMaterial(TrustedRoot.fromJSON(trusted)));
  assert.equal(result.scts.length, 1);
  assert.equal(result.signer.identity?.extensions?.issuer, oidc);
  const sth = (await (await fetch(`${ctlog}/ct/v1/get-sth`)).json()) as { tree_size: number };
  assert.equal(sth.tree_size, 1);

  // Bad tokens, made with the issuer's own key (so only the one claim under test is wrong), and a foreign issuer.
  const oidcKeyDir = path.join(tmp.dir, 'oidc');
  const realKey = await loadSoftwareKey(path.join(oidcKeyDir, 'rehearsal-oidc-key.pem'), fs.readFileSync(path.join(oidcKeyDir, 'rehearsal-oidc-key.passphrase'), 'utf8').trim());
  const real = await TestOidcIssuer.create(realKey, oidc);
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: oidc, sub: EMAIL, email: EMAIL, email_verified: true, aud: 'sigstore', iat: now, nbf: now, exp: now + 600 };
  const impostor = await TestOidcIssuer.create(generateEphemeralSigner('ecdsa-p256'), oidc);
  const elsewhere = await TestOidcIssuer.create(generateEphemeralSigner('ecdsa-p256'), 'https://issuer.elsewhere.example');
  const cases: [string, string, number, string][] = [
    ['wrong audience', await real.sign({ ...claims, aud: 'not-sigstore' }), 401, 'TOKEN_AUDIENCE'],
    ['expired', await real.sign({ ...claims, iat: now - 3600, nbf: now - 3600, exp: now - 1200 }), 401, 'TOKEN_EXPIRED'],
    ['bad signature', await impostor.sign(claims), 401, 'TOKEN_SIGNATURE'],
    ['wrong issuer', await elsewhere.mint({ email: EMAIL }, { now: () => new Date() }), 403, 'TOKEN_ISSUER'],
    ['not a JWT', 'not-a-token', 401, 'TOKEN_INVALID'],
  ];
  for (const [what, bad, status, code] of cases) {
    const r = await post(ca, request(bad));
    assert.equal(r.status, status, `${what}: ${JSON.stringify(r.json)}`);
    assert.equal(r.json.code, code, what);
    assert.ok(typeof r.json.message === 'string' && r.json.message.length > 10, what);
  }
  const pop = await post(ca, request(token, 'someone-else@example.com'));
  assert.deepEqual([pop.status, pop.json.code], [400, 'POP_INVALID']);
  assert.deepEqual((await post(ca, '{"nope":')).status, 400);
  assert.deepEqual((await post(ca, { credentials: {} })).json.code, 'BAD_REQUEST');
  assert.equal((await post(ca, 'x'.repeat(200_000))).status, 413);
  // Still serving, and nothing was logged for the refused requests.
  const good = await post(ca, request(token));
  assert.equal(good.status, 201);
  assert.equal(((good.json.signedCertificateEmbeddedSct as { chain: { certificates: string[] } }).chain.certificates).length, 3);
  assert.equal(((await (await fetch(`${ctlog}/ct/v1/get-sth`)).json()) as { tree_size: number }).tree_size, 2);

  // A restart reuses the rehearsal CA, the OIDC key and the CT log.
  await served.stop();
  served = await startServe(['--ca', '--oidc', '--data', tmp.dir]);
  const again = (await (await fetch(`${served.urls.ca}/api/v2/trustBundle`)).json()) as typeof bundle;
  assert.deepEqual(again.chains[0]!.certificates, [interPem, rootPem]);
  assert.equal(((await (await fetch(`${served.urls.ctlog}/ct/v1/get-sth`)).json()) as { tree_size: number }).tree_size, 2);
  assert.deepEqual(fromPem(fs.readFileSync(path.join(tmp.dir, 'ctlog', 'ctlog-public-key.pem'), 'utf8'), 'PUBLIC KEY'), ctKey);
});
