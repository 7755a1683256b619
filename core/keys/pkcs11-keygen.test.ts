// Key generation on a real SoftHSM2 token, checked with graphene, pkcs11-tool and openssl.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyError } from './errors';
import { openPkcs11Module, type Pkcs11Module } from './pkcs11-module';
import type { Pkcs11Session } from './pkcs11-session';
import { parsePkcs11Uri } from './pkcs11-uri';
import { spkiToPem, verifySignature } from './spki';
import { createTestToken, type TestToken } from './test-token';

const PIN = '24680';
const SO_PIN = '13579-so';

async function withToken(
  t: { after(fn: () => void): void },
  label: string,
): Promise<{ dir: string; token: TestToken; module: Pkcs11Module; session: Pkcs11Session }> {
  const dir = mkdtempSync(join(tmpdir(), 'rs-'));
  const token = await createTestToken({ dir: join(dir, 'hsm'), label, pin: PIN, soPin: SO_PIN });
  const module = openPkcs11Module(token.modulePath, { softhsm2Conf: token.conf });
  const session = await module.openSession(label, PIN);
  t.after(() => {
    module.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, token, module, session };
}

function pkcs11Tool(token: TestToken, args: string[]): string {
  // pkcs11-tool only takes the PIN in argv; acceptable here because the token is a throwaway one.
  return execFileSync('pkcs11-tool', ['--module', token.modulePath, '--token-label', token.label, '--login', '--pin', PIN, ...args], {
    env: { ...process.env, SOFTHSM2_CONF: token.conf },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The pkcs11-tool --list-objects block describing the object of `kind` labelled `label`. */
function objectBlock(listing: string, kind: 'Private Key Object' | 'Public Key Object', label: string): string {
  const blocks = listing.split(/\n(?=\S)/);
  const block = blocks.find((b) => b.startsWith(kind) && new RegExp(`label:\\s+${label}\\n`).test(`${b}\n`));
  assert.ok(block, `pkcs11-tool lists a ${kind} labelled ${label}:\n${listing}`);
  return block;
}

for (const [algorithm, curve, dgst] of [
  ['ecdsa-p256', 'P-256', '-sha256'],
  ['ecdsa-p384', 'P-384', '-sha384'],
] as const) {
  test(`${curve}: generated in the token, non-extractable and sensitive, signatures verify with openssl`, async (t) => {
    const { dir, token, session } = await withToken(t, `gen-${curve}`);
    const key = await session.generateKeyPair({ label: `root-${curve}`, algorithm });
    assert.equal(key.algorithm, algorithm);
    assert.equal(key.curve, curve);
    assert.equal(key.idHex.length, 32, '16 random bytes of id');
    // Read back from the token through graphene.
    assert.equal(key.sensitive, true);
    assert.equal(key.extractable, false);
    assert.equal(key.alwaysSensitive, true);
    assert.equal(key.neverExtractable, true);
    assert.ok(key.hasPrivateKey && key.hasPublicKey && key.spki);
    const uri = parsePkcs11Uri(key.uri);
    assert.equal(uri.token, token.label);
    assert.equal(uri.object, `root-${curve}`);
    assert.equal(uri.type, 'private');

    // Read back through OpenSC's pkcs11-tool, a separate PKCS#11 client.
    const listing = pkcs11Tool(token, ['--list-objects']);
    const priv = objectBlock(listing, 'Private Key Object', `root-${curve}`);
    assert.match(priv, /Private Key Object; EC\b/);
    assert.match(priv, new RegExp(`ID:\\s+${key.idHex}`));
    assert.match(priv, /Access:.*\bsensitive\b/);
    assert.match(priv, /Access:.*never extractable/);
    assert.match(priv, /Usage:\s+sign\s*$/m, 'the private key may only sign');
    const pub = objectBlock(listing, 'Public Key Object', `root-${curve}`);
    assert.match(pub, new RegExp(`EC_POINT ${curve === 'P-256' ? 256 : 384} bits`));

    // Sign in the token; openssl verifies the DER signature with the SPKI we built from CKA_EC_POINT.
    const data = new TextEncoder().encode(`to be signed by ${curve}`);
    const signer = session.signer(key.uri);
    assert.equal(signer.algorithm, algorithm);
    const sig = await signer.sign(data);
    assert.ok(verifySignature(key.spki, data, sig));
    writeFileSync(join(dir, 'pub.pem'), spkiToPem(await signer.publicKeySpki()));
    writeFileSync(join(dir, 'sig.der'), sig);
    writeFileSync(join(dir, 'data'), data);
    const out = execFileSync('openssl', ['dgst', dgst, '-verify', join(dir, 'pub.pem'), '-signature', join(dir, 'sig.der'), join(dir, 'data')], {
      encoding: 'utf8',
    });
    assert.match(out, /Verified OK/);

    // The point pkcs11-tool reads out of the token (a DER OCTET STRING) is the one our SPKI carries.
    const point = Buffer.from(key.spki).subarray(-(curve === 'P-256' ? 65 : 97));
    const wrapped = Buffer.concat([Buffer.from([0x04, point.length]), point]).toString('hex');
    assert.match(pub, new RegExp(`EC_POINT:\\s+${wrapped}\\n`));
  });
}

test('Ed25519: SoftHSM 2.6 here supports CKM_EC_EDWARDS_KEY_PAIR_GEN; signatures verify with openssl', async (t) => {
  const { dir, session } = await withToken(t, 'gen-ed25519');
  assert.ok(session.token.mechanisms.edwardsKeyPairGen && session.token.mechanisms.eddsa);
  assert.ok(session.token.algorithms.includes('ed25519'));
  const key = await session.generateKeyPair({ label: 'ed', algorithm: 'ed25519' });
  assert.equal(key.curve, 'Ed25519');
  assert.equal(key.extractable, false);
  assert.equal(key.sensitive, true);
  const data = new TextEncoder().encode('pure eddsa');
  const sig = await session.signer('ed').sign(data);
  assert.equal(sig.length, 64);
  writeFileSync(join(dir, 'pub.pem'), spkiToPem(key.spki!));
  writeFileSync(join(dir, 'sig'), sig);
  writeFileSync(join(dir, 'data'), data);
  const out = execFileSync(
    'openssl',
    ['pkeyutl', '-verify', '-pubin', '-inkey', join(dir, 'pub.pem'), '-rawin', '-in', join(dir, 'data'), '-sigfile', join(dir, 'sig')],
    { encoding: 'utf8' },
  );
  assert.match(out, /Signature Verified Successfully/);
});

test('a label or id already on the token is refused and nothing is overwritten', async (t) => {
  const { session } = await withToken(t, 'dupes');
  const first = await session.generateKeyPair({ label: 'root', id: Uint8Array.of(1, 2), algorithm: 'ecdsa-p256' });
  await assert.rejects(session.generateKeyPair({ label: 'root', algorithm: 'ecdsa-p384' }), (e: unknown) => {
    assert.ok(e instanceof KeyError);
    assert.equal(e.code, 'KEY_LABEL_EXISTS');
    assert.match(e.message, /"root"/);
    return true;
  });
  await assert.rejects(
    session.generateKeyPair({ label: 'other', id: Uint8Array.of(1, 2), algorithm: 'ecdsa-p256' }),
    (e: unknown) => e instanceof KeyError && e.code === 'KEY_ID_EXISTS',
  );
  const keys = session.listKeys();
  assert.equal(keys.length, 1);
  assert.equal(keys[0]!.idHex, '0102');
  assert.deepEqual(keys[0]!.spki, first.spki);
});

test('listKeys shows every pair with its URI, and signer() finds keys by URI, id or label', async (t) => {
  const { session } = await withToken(t, 'listing');
  const a = await session.generateKeyPair({ label: 'alpha', algorithm: 'ecdsa-p256' });
  const b = await session.generateKeyPair({ label: 'beta key;1', id: Uint8Array.of(0xbe), algorithm: 'ecdsa-p384' });
  const keys = session.listKeys().sort((x, y) => x.label.localeCompare(y.label));
  assert.deepEqual(
    keys.map((k) => [k.label, k.algorithm, k.uri]),
    [
      ['alpha', 'ecdsa-p256', a.uri],
      ['beta key;1', 'ecdsa-p384', b.uri],
    ],
  );
  assert.match(b.uri, /object=beta%20key%3B1;id=%BE;type=private/);
  assert.deepEqual(await session.signer(b.uri).publicKeySpki(), b.spki);
  assert.deepEqual(await session.signer('pkcs11:id=%BE').publicKeySpki(), b.spki);
  assert.deepEqual(await session.signer('alpha').publicKeySpki(), a.spki);
  // An explicit hash: SHA-384 over a P-256 key, through CKM_ECDSA.
  const data = new TextEncoder().encode('explicit hash');
  assert.ok(verifySignature(a.spki!, data, await session.signer('alpha').sign(data, 'sha384'), 'sha384'));
  assert.throws(() => session.signer('gamma'), (e: unknown) => e instanceof KeyError && e.code === 'KEY_NOT_FOUND');
  assert.throws(() => session.signer('pkcs11:token=elsewhere;object=alpha'), (e: unknown) => e instanceof KeyError && e.code === 'TOKEN_NOT_FOUND');
  assert.throws(() => session.signer('pkcs11:object=alpha;type=public'), (e: unknown) => e instanceof KeyError && e.code === 'URI_INVALID');
});

test('a token without EdDSA refuses Ed25519 generation with MECHANISM_UNSUPPORTED', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const token = await createTestToken({ dir, label: 'no-eddsa', pin: PIN, soPin: SO_PIN });
  // SoftHSM's slots.mechanisms allow-list gives a real token without the Edwards mechanisms.
  appendFileSync(token.conf, 'slots.mechanisms = CKM_EC_KEY_PAIR_GEN,CKM_ECDSA\n');
  const module = openPkcs11Module(token.modulePath, { softhsm2Conf: token.conf });
  t.after(() => module.close());
  const session = await module.openSession('no-eddsa', PIN);
  assert.equal(session.token.mechanisms.edwardsKeyPairGen, false);
  assert.deepEqual(session.token.algorithms, ['ecdsa-p256', 'ecdsa-p384']);
  await assert.rejects(session.generateKeyPair({ label: 'ed', algorithm: 'ed25519' }), (e: unknown) => {
    assert.ok(e instanceof KeyError && e.code === 'MECHANISM_UNSUPPORTED');
    assert.match(e.message, /Ed25519/);
    return true;
  });
  assert.deepEqual(session.listKeys(), []);
});
