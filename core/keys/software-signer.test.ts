// Software keys: encrypted PKCS#8 files round-trip, signatures verify with openssl, and failures have typed codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
    // openssl sees PBES2: PBKDF2-HMAC-SHA256 with 600,000 (0x0927C0) iterations, then AES-256-CBC.
    const parsed = execFileSync('openssl', ['asn1parse', '-in', file], { encoding: 'utf8' });
    assert.match(parsed, /PBES2/);
    assert.match(parsed, /PBKDF2/);
    assert.match(parsed, /INTEGER\s+:0927C0/);
    assert.match(parsed, /hmacWithSHA256/);
    assert.match(parsed, /aes-256-cbc/);
    // ...and decrypts it with the passphrase to the same key.
    const plain = execFileSync('openssl', ['pkey', '-in', file, '-passin', 'pass:correct horse', '-pubout'], { encoding: 'utf8' });
    assert.equal(plain, spkiToPem(await created.publicKeySpki()));
    assert.match(execFileSync('openssl', ['pkcs8', '-in', file, '-passin', 'pass:correct horse'], { encoding: 'utf8' }), /-----BEGIN PRIVATE KEY-----/);
    assert.throws(() => execFileSync('openssl', ['pkcs8', '-in', file, '-passin', 'pass:wrong horse'], { stdio: 'pipe' }));
    assert.deepEqual(readdirSync(dir), ['key.pem'], 'no temporary file is left behind');

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
  await rejectsWithCode(createSoftwareKey(file, 'ecdsa-p256', 'long enough passphrase'), 'KEY_FILE_EXISTS');
  assert.equal(readFileSync(file, 'utf8'), 'precious');
  assert.deepEqual(readdirSync(dir), ['key.pem'], 'the temporary file is removed');
});

test('new key files need a passphrase of 12 characters or more; existing files open with a short one', async (t) => {
  const dir = tempDir(t);
  await assert.rejects(createSoftwareKey(join(dir, 'a.pem'), 'ecdsa-p256', 'a'), (e: unknown) => {
    assert.ok(e instanceof KeyError);
    assert.equal(e.code, 'PASSPHRASE_TOO_SHORT');
    assert.match(e.message, /at least 12 characters/);
    return true;
  });
  assert.deepEqual(readdirSync(dir), [], 'nothing is written for a refused passphrase');
  // A file made elsewhere under a short passphrase still opens.
  execFileSync('openssl', ['genpkey', '-algorithm', 'ED25519', '-aes-256-cbc', '-pass', 'pass:short', '-out', join(dir, 'old.pem')], { stdio: 'pipe' });
  assert.equal((await loadSoftwareKey(join(dir, 'old.pem'), 'short')).algorithm, 'ed25519');
});

test('an interrupted write: a stray temporary file does not block, an empty key file is named as such', async (t) => {
  const dir = tempDir(t);
  // A process killed after writing its temporary file but before linking it leaves only that file.
  writeFileSync(join(dir, '.rootsmith-tmp-key.pem.0123456789ab'), '-----BEGIN ENCRYPTED PRIVATE KEY-----\n', { mode: 0o600 });
  const created = await createSoftwareKey(join(dir, 'key.pem'), 'ed25519', 'long enough passphrase');
  assert.deepEqual(await (await loadSoftwareKey(join(dir, 'key.pem'), 'long enough passphrase')).publicKeySpki(), await created.publicKeySpki());
  // Older versions could leave a 0-byte key file: reading it says what it is.
  writeFileSync(join(dir, 'empty.pem'), '');
  await assert.rejects(loadSoftwareKey(join(dir, 'empty.pem'), 'long enough passphrase'), (e: unknown) => {
    assert.ok(e instanceof KeyError);
    assert.match(e.message, /empty\.pem is empty \(0 bytes\): it holds no key/);
    return true;
  });
  await rejectsWithCode(loadSoftwareKey(dir, 'pw'), 'KEY_UNSUPPORTED');
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
