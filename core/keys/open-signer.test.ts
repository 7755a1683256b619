// openSigner: one entry point from a key reference (PKCS#11 URI or key file path) to a Signer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyError } from './errors';
import { openSigner } from './open-signer';
import { openPkcs11Module } from './pkcs11-module';
import { createSoftwareKey } from './software-signer';
import { verifySignature } from './spki';
import { createTestToken } from './test-token';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'rs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const data = new TextEncoder().encode('signed through openSigner');

test('a pkcs11: URI opens the token key; the PIN is the secret; close releases the library', async (t) => {
  const dir = tempDir(t);
  const token = await createTestToken({ dir, label: 'Open', pin: '4321', soPin: '87654321' });
  const module = openPkcs11Module(token.modulePath, { softhsm2Conf: token.conf });
  const session = await module.openSession('Open', '4321');
  const key = await session.generateKeyPair({ label: 'tuf-root-1', algorithm: 'ecdsa-p384' });
  module.close();

  // The URI from listKeys carries the module path; the token and key come from the URI.
  const signer = await openSigner(key.uri, '4321', { softhsm2Conf: token.conf });
  assert.equal(signer.algorithm, 'ecdsa-p384');
  assert.equal(signer.ref, key.uri);
  assert.ok(!signer.ref.includes('4321'));
  assert.deepEqual(await signer.publicKeySpki(), key.spki);
  assert.ok(verifySignature(key.spki!, data, await signer.sign(data)));
  signer.close();
  await assert.rejects(signer.sign(data), (e: unknown) => e instanceof KeyError && e.code === 'NOT_LOGGED_IN');

  // A short URI (no module-path) uses opts.modulePath or the SoftHSM default.
  const short = await openSigner('pkcs11:token=Open;object=tuf-root-1', '4321', { softhsm2Conf: token.conf });
  assert.deepEqual(await short.publicKeySpki(), key.spki);
  short.close();

  await assert.rejects(openSigner('pkcs11:token=Open;object=tuf-root-1', '0000', { softhsm2Conf: token.conf }), (e: unknown) => e instanceof KeyError && e.code === 'PIN_INCORRECT');
  await assert.rejects(openSigner('pkcs11:token=Open;object=nope', '4321', { softhsm2Conf: token.conf }), (e: unknown) => e instanceof KeyError && e.code === 'KEY_NOT_FOUND');
  await assert.rejects(openSigner('pkcs11:token=Open', '4321', { softhsm2Conf: token.conf }), (e: unknown) => e instanceof KeyError && e.code === 'URI_INVALID');
  await assert.rejects(openSigner('pkcs11:token=Open;object=tuf-root-1?pin-value=4321', '4321'), (e: unknown) => e instanceof KeyError && e.code === 'URI_INVALID');
  await assert.rejects(
    openSigner('pkcs11:token=Open;object=tuf-root-1', '4321', { modulePath: join(dir, 'missing.so') }),
    (e: unknown) => e instanceof KeyError && e.code === 'MODULE_NOT_FOUND',
  );
  // Every failure above released the library: a different configuration can be opened now.
  const fresh = openPkcs11Module(token.modulePath, { softhsm2Conf: join(dir, 'softhsm2.conf') });
  fresh.close();
});

test('a file path opens a software key; the passphrase is the secret', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'rehearsal.pem');
  const created = await createSoftwareKey(file, 'ed25519', 'a passphrase');
  const signer = await openSigner(file, 'a passphrase');
  assert.equal(signer.ref, file);
  assert.deepEqual(await signer.publicKeySpki(), await created.publicKeySpki());
  assert.ok(verifySignature(await signer.publicKeySpki(), data, await signer.sign(data)));
  signer.close();
  await assert.rejects(openSigner(file, 'wrong'), (e: unknown) => e instanceof KeyError && e.code === 'PASSPHRASE_INCORRECT');
  await assert.rejects(openSigner(join(dir, 'none.pem'), 'x'), (e: unknown) => e instanceof KeyError && e.code === 'KEY_NOT_FOUND');
});
