// Throwaway SoftHSM2 tokens: made in their own directory, PINs set through PKCS#11, never over an existing one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyError } from './errors';
import { CKF_RW_SESSION, CKF_SERIAL_SESSION, CKU_SO } from './pkcs11-constants';
import { openPkcs11Module } from './pkcs11-module';
import { createTestToken } from './test-token';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'rs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('the token lives in its own tokendir and takes the user PIN and SO PIN it was given', async (t) => {
  const dir = tempDir(t);
  const token = await createTestToken({ dir, label: 'Ceremony Rehearsal', pin: 'user-pin-1', soPin: 'so-pin-22' });
  assert.equal(token.label, 'Ceremony Rehearsal');
  assert.equal(readdirSync(token.tokenDir).length, 1, 'one token directory written by SoftHSM');
  const module = openPkcs11Module(token.modulePath, { softhsm2Conf: token.conf });
  t.after(() => module.close());
  const session = await module.openSession({ label: 'Ceremony Rehearsal', slotId: token.slot }, 'user-pin-1');
  session.close();
  // The security officer PIN is the one given.
  const { slot } = module.findSlot({ label: 'Ceremony Rehearsal' });
  const raw = slot.open(CKF_RW_SESSION | CKF_SERIAL_SESSION);
  try {
    assert.throws(() => raw.lib.C_Login(raw.handle, CKU_SO, 'user-pin-1'), /CKR_PIN_INCORRECT/);
    raw.lib.C_Login(raw.handle, CKU_SO, 'so-pin-22');
    raw.lib.C_Logout(raw.handle);
  } finally {
    raw.close();
  }
});

test('a directory that already has a token, or a label over 32 bytes, is refused with TOKEN_INIT_FAILED', async (t) => {
  const dir = tempDir(t);
  await createTestToken({ dir, label: 'First', pin: '1234', soPin: '12345678' });
  await assert.rejects(createTestToken({ dir, label: 'Second', pin: '1234', soPin: '12345678' }), (e: unknown) => {
    assert.ok(e instanceof KeyError && e.code === 'TOKEN_INIT_FAILED');
    assert.ok(!e.message.includes('1234'));
    return true;
  });
  await assert.rejects(
    createTestToken({ dir: join(dir, 'other'), label: 'x'.repeat(33), pin: '1234', soPin: '12345678' }),
    (e: unknown) => e instanceof KeyError && e.code === 'TOKEN_INIT_FAILED',
  );
});

test('a PIN the token rejects (too short for SoftHSM) gives TOKEN_INIT_FAILED without the PIN in the message', async (t) => {
  const dir = tempDir(t);
  await assert.rejects(createTestToken({ dir, label: 'Short', pin: '12', soPin: '98765432' }), (e: unknown) => {
    assert.ok(e instanceof KeyError && e.code === 'TOKEN_INIT_FAILED');
    assert.match(e.message, /CKR_PIN_LEN_RANGE/);
    assert.ok(!e.message.includes('98765432'));
    return true;
  });
});
