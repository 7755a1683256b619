// The test OIDC issuer and the token verifier: real ES256 tokens minted through a Signer, checked the way the
// CA checks them, and every rejection a user can meet, by code. RS256 is checked with a key node:crypto made.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign as cryptoSign } from 'node:crypto';
import { toBase64Url } from '../bytes';
import { fixedClock } from '../clock';
import { generateEphemeralSigner } from '../keys/software-signer';
import { CaError } from './errors';
import { base64UrlJson, decodeJws, jwkFromSpki } from './jose';
import { TEST_ISSUER_NOTICE, TestOidcIssuer } from './oidc-issuer';
import { peekIssuer, verifyIdentityToken } from './oidc-verify';

const T = new Date('2026-03-01T12:00:00Z');
const clock = fixedClock(T);
const ISS = 'http://127.0.0.1:5556';
const code = (c: string) => (e: unknown) => e instanceof CaError && e.code === c;

async function issuer(url = ISS) {
  return TestOidcIssuer.create(generateEphemeralSigner('ecdsa-p256'), url);
}

test('mint: an ES256 JWT for the address, labelled rehearsal, that verifies against the JWKS', async () => {
  const oidc = await issuer(`${ISS}/`);
  const token = await oidc.mint({ email: 'alice@example.com' }, clock);
  const { header, payload, signature } = decodeJws(token);
  assert.deepEqual(header, { alg: 'ES256', typ: 'JWT', kid: oidc.keyId });
  assert.equal(signature.length, 64, 'JOSE ES256 signatures are raw r||s');
  assert.equal(payload.iss, ISS);
  assert.equal(payload.sub, 'alice@example.com');
  assert.equal(payload.email_verified, true);
  assert.equal(payload.aud, 'sigstore');
  assert.equal(payload.exp, T.getTime() / 1000 + 600);
  assert.equal(payload.rootsmith_rehearsal, TEST_ISSUER_NOTICE);
  assert.equal(peekIssuer(token), ISS);
  const v = verifyIdentityToken(token, { jwks: oidc.jwks(), issuer: ISS, clock });
  assert.equal(v.email, 'alice@example.com');
  assert.equal(v.subject, 'alice@example.com');
  assert.equal(v.expiresAt.getTime(), T.getTime() + 600_000);
});

test('discovery document names the issuer, JWKS and token endpoint and says it is for rehearsals', async () => {
  const d = (await issuer()).discovery();
  assert.equal(d.issuer, ISS);
  assert.equal(d.jwks_uri, `${ISS}/.well-known/jwks.json`);
  assert.equal(d.token_endpoint, `${ISS}/token`);
  assert.deepEqual(d.id_token_signing_alg_values_supported, ['ES256']);
  assert.equal(d.rootsmith_rehearsal_only, true);
  assert.match(d.description, /rehearsals only/);
});

test('verify rejects wrong issuer, audience, time, signature and shape with their codes', async () => {
  const oidc = await issuer();
  const other = await issuer();
  const jwks = oidc.jwks();
  const now = T.getTime() / 1000;
  const base = { iss: ISS, sub: 'a@b.co', email: 'a@b.co', email_verified: true, aud: 'sigstore', iat: now, nbf: now, exp: now + 600 };
  const check = (token: string) => verifyIdentityToken(token, { jwks, issuer: ISS, clock });
  assert.throws(() => check(ISS), code('TOKEN_INVALID'));
  assert.throws(() => check('a.b.c'), code('TOKEN_INVALID'));
  const cases: [Record<string, unknown>, string][] = [
    [{ iss: 'https://evil.example' }, 'TOKEN_ISSUER'],
    [{ aud: 'other' }, 'TOKEN_AUDIENCE'],
    [{ exp: now - 120 }, 'TOKEN_EXPIRED'],
    [{ nbf: now + 600 }, 'TOKEN_EXPIRED'],
    [{ exp: undefined }, 'TOKEN_INVALID'],
    [{ email_verified: false }, 'IDENTITY_UNSUPPORTED'],
  ];
  for (const [change, expected] of cases) {
    const token = await oidc.sign({ ...base, ...change });
    assert.throws(() => check(token), code(expected), `${JSON.stringify(change)} -> ${expected}`);
  }
  assert.throws(() => check(''), code('TOKEN_INVALID'));
  const forged = await other.sign(base);
  assert.throws(() => check(forged), code('TOKEN_SIGNATURE'));
  // Within the 60 s skew an expired token still passes; the audience may be a list.
  check(await oidc.sign({ ...base, exp: now - 30, aud: ['x', 'sigstore'] }));
  // A payload altered after signing no longer verifies.
  const [h, , s] = (await oidc.sign(base)).split('.');
  assert.throws(() => check(`${h}.${base64UrlJson({ ...base, sub: 'mallory@b.co' })}.${s}`), code('TOKEN_SIGNATURE'));
});

test('verify accepts an RS256 token from a foreign issuer whose JWKS lists the RSA key', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = jwkFromSpki(new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })));
  const now = T.getTime() / 1000;
  const input = `${base64UrlJson({ alg: 'RS256', kid: jwk.kid })}.${base64UrlJson({ iss: 'https://accounts.example', sub: 'https://ci.example/repo', aud: 'sigstore', exp: now + 60 })}`;
  const token = `${input}.${toBase64Url(cryptoSign('sha256', Buffer.from(input), privateKey))}`;
  const v = verifyIdentityToken(token, { jwks: { keys: [jwk] }, issuer: ['https://accounts.example'], clock });
  assert.equal(v.subject, 'https://ci.example/repo');
  assert.equal(v.email, undefined);
});

test('mint refuses a non-address and a non-P-256 key', async () => {
  const oidc = await issuer();
  await assert.rejects(oidc.mint({ email: 'not an address' }, clock), code('TOKEN_INVALID'));
  await assert.rejects(TestOidcIssuer.create(generateEphemeralSigner('ed25519'), ISS), code('CA_CONFIG'));
});

