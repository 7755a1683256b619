// Loading PKCS#11 libraries, listing tokens and logging in, on real SoftHSM2 tokens made per test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyError } from './errors';
import { DEFAULT_MODULE_PATH, openPkcs11Module } from './pkcs11-module';
import { createTestToken } from './test-token';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'rs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function isKeyError(code: string): (e: unknown) => boolean {
  return (e: unknown) => e instanceof KeyError && e.code === code;
}

test('a missing library gives MODULE_NOT_FOUND', (t) => {
  const dir = tempDir(t);
  assert.throws(() => openPkcs11Module(join(dir, 'nope.so')), (e: unknown) => {
    assert.ok(e instanceof KeyError);
    assert.equal(e.code, 'MODULE_NOT_FOUND');
    assert.match(e.message, /nope\.so/);
    return true;
  });
});

test('a file that is not a PKCS#11 library gives MODULE_INVALID', (t) => {
  const libz = ['/lib/x86_64-linux-gnu/libz.so.1', '/usr/lib/x86_64-linux-gnu/libz.so.1', '/lib/aarch64-linux-gnu/libz.so.1'].find((p) =>
    existsSync(p),
  );
  assert.ok(libz, 'a libz shared object exists on this system');
  assert.throws(() => openPkcs11Module(libz), isKeyError('MODULE_INVALID'));
  const dir = tempDir(t);
  writeFileSync(join(dir, 'fake.so'), 'not an ELF file');
  assert.throws(() => openPkcs11Module(join(dir, 'fake.so')), isKeyError('MODULE_INVALID'));
  assert.throws(() => openPkcs11Module(dir), isKeyError('MODULE_INVALID'));
});

test('a test token is listed with its flags and mechanisms; its conf never points at the real tokens', async (t) => {
  const dir = tempDir(t);
  const token = await createTestToken({ dir, label: 'Listing', pin: '1234', soPin: '87654321' });
  assert.equal(token.conf, join(dir, 'softhsm2.conf'));
  assert.equal(token.tokenDir, join(dir, 'tokens'));
  assert.equal(token.modulePath, DEFAULT_MODULE_PATH);
  assert.equal(readFileSync(token.conf, 'utf8'), `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  const module = openPkcs11Module(token.modulePath, { softhsm2Conf: token.conf });
  t.after(() => module.close());
  const info = module.info();
  assert.equal(info.manufacturer, 'SoftHSM');
  assert.match(info.libraryVersion, /^2\.\d+$/);
  const tokens = module.listTokens();
  const mine = tokens.filter((x) => x.flags.initialized);
  assert.equal(mine.length, 1, 'only the token in our own tokendir');
  const tk = mine[0]!;
  assert.equal(tk.label, 'Listing');
  assert.equal(tk.slotId, token.slot);
  assert.equal(tk.model, 'SoftHSM v2');
  assert.match(tk.serial, /^[0-9a-f]{16}$/);
  assert.deepEqual(
    [tk.flags.loginRequired, tk.flags.userPinInitialized, tk.flags.userPinLocked, tk.flags.hasRng],
    [true, true, false, true],
  );
  assert.deepEqual(tk.mechanisms, { ecKeyPairGen: true, ecKeyGen: true, ecdsa: true, edwardsKeyPairGen: true, eddsa: true });
  assert.match(tk.uri, /^pkcs11:token=Listing;manufacturer=SoftHSM%20project;model=SoftHSM%20v2;serial=[0-9a-f]{16}$/);
  // SoftHSM always offers one more, uninitialised token to initialise.
  assert.ok(tokens.some((x) => !x.flags.initialized));
});

test('a wrong PIN gives PIN_INCORRECT saying tries are low when the token says so; the right PIN then works', async (t) => {
  const dir = tempDir(t);
  const token = await createTestToken({ dir, label: 'Pins', pin: 'right-pin', soPin: 'so-pin-1' });
  const module = openPkcs11Module(token.modulePath, { softhsm2Conf: token.conf });
  t.after(() => module.close());
  await assert.rejects(module.openSession('Pins', 'wrong-pin'), (e: unknown) => {
    assert.ok(e instanceof KeyError);
    assert.equal(e.code, 'PIN_INCORRECT');
    assert.ok(!e.message.includes('wrong-pin') && !e.message.includes('right-pin'), 'no PIN in the message');
    assert.ok(!JSON.stringify(e.details).includes('pin"'), 'no PIN in the details');
    // SoftHSM raises CKF_USER_PIN_COUNT_LOW after a failed login; the message passes that on.
    assert.equal(e.details?.userPinCountLow, true);
    assert.match(e.message, /few tries remain/);
    return true;
  });
  assert.equal(module.listTokens().find((x) => x.label === 'Pins')!.flags.userPinCountLow, true);
  const session = await module.openSession('Pins', 'right-pin');
  assert.equal(session.token.label, 'Pins');
  assert.deepEqual(session.listKeys(), []);
  session.close();
  assert.throws(() => session.listKeys(), isKeyError('NOT_LOGGED_IN'));
});

test('an unknown token label gives TOKEN_NOT_FOUND naming the tokens there are', async (t) => {
  const dir = tempDir(t);
  const token = await createTestToken({ dir, label: 'Present', pin: '1234', soPin: '12345678' });
  const module = openPkcs11Module(token.modulePath, { softhsm2Conf: token.conf });
  t.after(() => module.close());
  await assert.rejects(module.openSession('Absent', '1234'), (e: unknown) => {
    assert.ok(e instanceof KeyError && e.code === 'TOKEN_NOT_FOUND');
    assert.match(e.message, /"Present"/);
    return true;
  });
});

test('modules open, close and reopen in one process, across tokens in different directories', async (t) => {
  const a = await createTestToken({ dir: join(tempDir(t), 'a'), label: 'A', pin: '1111', soPin: 'so-a-123' });
  const b = await createTestToken({ dir: join(tempDir(t), 'b'), label: 'B', pin: '2222', soPin: 'so-b-123' });

  // Two handles on one library and configuration share one C_Initialize; closing one leaves the other working.
  const m1 = openPkcs11Module(a.modulePath, { softhsm2Conf: a.conf });
  const m2 = openPkcs11Module(a.modulePath, { softhsm2Conf: a.conf });
  const s2 = await m2.openSession('A', '1111');
  m1.close();
  const k = await s2.generateKeyPair({ label: 'still-works', algorithm: 'ecdsa-p256' });
  assert.equal(k.extractable, false);
  // While it is open, the same library cannot be re-initialised with another SoftHSM configuration.
  assert.throws(() => openPkcs11Module(b.modulePath, { softhsm2Conf: b.conf }), isKeyError('PKCS11_ERROR'));
  m2.close();
  m2.close(); // Closing twice is harmless.

  // After the last close the library is finalised, so the next open reads the new SOFTHSM2_CONF.
  const before = process.env.SOFTHSM2_CONF;
  process.env.SOFTHSM2_CONF = b.conf;
  try {
    const mb = openPkcs11Module();
    assert.deepEqual(
      mb.listTokens().filter((x) => x.flags.initialized).map((x) => x.label),
      ['B'],
    );
    mb.close();
  } finally {
    if (before === undefined) delete process.env.SOFTHSM2_CONF;
    else process.env.SOFTHSM2_CONF = before;
  }
  const ma = openPkcs11Module(a.modulePath, { softhsm2Conf: a.conf });
  const sa = await ma.openSession('A', '1111');
  assert.deepEqual(sa.listKeys().map((x) => x.label), ['still-works']);
  ma.close();
  assert.throws(() => ma.listTokens(), isKeyError('PKCS11_ERROR'));
});
