// Software keys: encrypted PKCS#8 files round-trip, signatures verify with openssl, and failures have typed codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSoftwareKey, generateEphemeralSigner, loadSoftwareKey } from './software-signer';
import { algorithmOfSpki, spkiToPem, verifySignature } from './spki';
import { KeyError } from './errors';
import type { KeyAlgorithm } from './signer';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'rs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function rejectsWithCode(p: Promise<unknown>, code: string): Promise<void> {
  return assert.rejects(p, (e: unknown) => e instanceof KeyError && e.code === code);
}

const data = new TextEncoder().encode('rootsmith software key test');

for (const algorithm of ['ecdsa-p256', 'ecdsa-p384', 'ed25519'] as KeyAlgorithm[]) {
  test(`${algorithm}: key file round-trips and its signatures verify with openssl`, async (t) => {
    const dir = tempDir(t);
    const file = join(dir, 'key.pem');
    const created = await createSoftwareKey(file, algorithm, 'correct horse');
    assert.equal(created.algorithm, algorithm);
    assert.equal(created.ref, file);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const pem = readFileSync(file, 'utf8');
    assert.match(pem, /-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    // openssl sees PBES2 encryption with AES-256-CBC.
    const parsed = execFileSync('openssl', ['asn1parse', '-in', file], { encoding: 'utf8' });
    assert.match(parsed, /PBES2/);
    assert.match(parsed, /aes-256-cbc/);

    const loaded = await loadSoftwareKey(file, 'correct horse');
    const spki = await loaded.publicKeySpki();
    assert.deepEqual(spki, await created.publicKeySpki());
    assert.equal(algorithmOfSpki(spki), algorithm);

    const sig = await loaded.sign(data);
    assert.ok(verifySignature(spki, data, sig));
    assert.ok(!verifySignature(spki, new TextEncoder().encode('other'), sig));

    writeFileSync(join(dir, 'pub.pem'), spkiToPem(spki));
    writeFileSync(join(dir, 'sig.bin'), sig);
    writeFileSync(join(dir, 'data'), data);
    const args =
      algorithm === 'ed25519'
        ? ['pkeyutl', '-verify', '-pubin', '-inkey', join(dir, 'pub.pem'), '-rawin', '-in', join(dir, 'data'), '-sigfile', join(dir, 'sig.bin')]
        : ['dgst', algorithm === 'ecdsa-p256' ? '-sha256' : '-sha384', '-verify', join(dir, 'pub.pem'), '-signature', join(dir, 'sig.bin'), join(dir, 'data')];
    const out = execFileSync('openssl', args, { encoding: 'utf8' });
    assert.match(out, /Verified OK|Signature Verified Successfully/);
  });
}

test('ECDSA P-256 honours an explicit hash (sha384) and openssl agrees', async (t) => {
  const dir = tempDir(t);
  const signer = generateEphemeralSigner('ecdsa-p256');
  const spki = await signer.publicKeySpki();
  const sig = await signer.sign(data, 'sha384');
  assert.ok(verifySignature(spki, data, sig, 'sha384'));
  assert.ok(!verifySignature(spki, data, sig, 'sha256'));
  writeFileSync(join(dir, 'pub.pem'), spkiToPem(spki));
  writeFileSync(join(dir, 'sig.der'), sig);
  writeFileSync(join(dir, 'data'), data);
  const out = execFileSync('openssl', ['dgst', '-sha384', '-verify', join(dir, 'pub.pem'), '-signature', join(dir, 'sig.der'), join(dir, 'data')], {
    encoding: 'utf8',
  });
  assert.match(out, /Verified OK/);
});

test('wrong passphrase gives PASSPHRASE_INCORRECT and the message holds no secret', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'key.pem');
  await createSoftwareKey(file, 'ecdsa-p256', 'right-passphrase');
  await assert.rejects(loadSoftwareKey(file, 'wrong-passphrase'), (e: unknown) => {
    assert.ok(e instanceof KeyError);
    assert.equal(e.code, 'PASSPHRASE_INCORRECT');
    assert.ok(!e.message.includes('wrong-passphrase') && !e.message.includes('right-passphrase'));
    return true;
  });
  await rejectsWithCode(loadSoftwareKey(file, ''), 'PASSPHRASE_REQUIRED');
});

test('an existing file is never overwritten (KEY_FILE_EXISTS)', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'key.pem');
  writeFileSync(file, 'precious');
  await rejectsWithCode(createSoftwareKey(file, 'ecdsa-p256', 'pw'), 'KEY_FILE_EXISTS');
  assert.equal(readFileSync(file, 'utf8'), 'precious');
});

test('missing, unreadable and unsupported key files give typed errors', async (t) => {
  const dir = tempDir(t);
  await rejectsWithCode(loadSoftwareKey(join(dir, 'nope.pem'), 'pw'), 'KEY_NOT_FOUND');
  writeFileSync(join(dir, 'junk.pem'), 'not a key');
  await rejectsWithCode(loadSoftwareKey(join(dir, 'junk.pem'), 'pw'), 'KEY_UNSUPPORTED');
  // An RSA key decrypts fine but is not an algorithm Rootsmith signs with.
  execFileSync('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024', '-aes-256-cbc', '-pass', 'pass:pw', '-out', join(dir, 'rsa.pem')], { stdio: 'pipe' });
  await rejectsWithCode(loadSoftwareKey(join(dir, 'rsa.pem'), 'pw'), 'KEY_UNSUPPORTED');
  await rejectsWithCode(createSoftwareKey(join(dir, 'empty.pem'), 'ed25519', ''), 'PASSPHRASE_REQUIRED');
});

test('a key file written by openssl (encrypted PKCS#8) loads', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'ossl.pem');
  execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384', '-aes-256-cbc', '-pass', 'pass:pw', '-out', file], { stdio: 'pipe' });
  const signer = await loadSoftwareKey(file, 'pw');
  assert.equal(signer.algorithm, 'ecdsa-p384');
  const sig = await signer.sign(data);
  assert.ok(verifySignature(await signer.publicKeySpki(), data, sig));
});
