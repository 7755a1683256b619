// Makes a throwaway SoftHSM2 token in its own directory (own softhsm2.conf, own tokendir) for tests and
// rehearsals. The token is initialised through PKCS#11 itself (C_InitToken, C_InitPIN), so no PIN is ever
// put in a process's argv; the user's real SoftHSM tokens are never touched.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KeyError } from './errors';
import { CKF_RW_SESSION, CKF_SERIAL_SESSION, CKU_SO } from './pkcs11-constants';
import { ckrName } from './pkcs11-errors';
import { DEFAULT_MODULE_PATH, openPkcs11Module } from './pkcs11-module';

export interface TestTokenOptions {
  /** A directory this token owns (e.g. from fs.mkdtempSync); softhsm2.conf and tokens/ are written into it. */
  dir: string;
  label: string;
  pin: string;
  soPin: string;
  /** Defaults to the SoftHSM2 library. */
  modulePath?: string;
}

export interface TestToken {
  /** Path of the softhsm2.conf: pass it as `softhsm2Conf` or set SOFTHSM2_CONF before opening the module. */
  conf: string;
  tokenDir: string;
  modulePath: string;
  label: string;
  /** The slot id as a fresh C_Initialize reports it (SoftHSM derives it from the token serial). */
  slot: number;
}

function fail(message: string, cause?: unknown): KeyError {
  const ckr = ckrName(cause);
  return new KeyError('TOKEN_INIT_FAILED', `${message}${ckr ? ` (${ckr})` : ''}`, {
    ...(cause !== undefined ? { cause } : {}),
    ...(ckr ? { details: { ckr } } : {}),
  });
}

export async function createTestToken(options: TestTokenOptions): Promise<TestToken> {
  const dir = resolve(options.dir);
  const modulePath = options.modulePath ?? DEFAULT_MODULE_PATH;
  const { label, pin, soPin } = options;
  if (Buffer.byteLength(label, 'utf8') === 0 || Buffer.byteLength(label, 'utf8') > 32) {
    throw fail('A token label must be 1 to 32 bytes (CK_TOKEN_INFO.label).');
  }
  const tokenDir = join(dir, 'tokens');
  const conf = join(dir, 'softhsm2.conf');
  mkdirSync(tokenDir, { recursive: true, mode: 0o700 });
  // Create-exclusive: a directory that already has a softhsm2.conf belongs to another token.
  try {
    writeFileSync(conf, `directories.tokendir = ${tokenDir}\nobjectstore.backend = file\nlog.level = ERROR\n`, {
      flag: 'wx',
      mode: 0o600,
    });
  } catch (e) {
    throw fail(`${conf} already exists; give each test token its own directory.`, e);
  }

  const module = openPkcs11Module(modulePath, { softhsm2Conf: conf });
  try {
    const lib = module.graphene();
    const free = module.slots().find((s) => !s.info.flags.initialized);
    if (!free) throw fail('The library offers no uninitialised token slot.');
    try {
      lib.lib.C_InitToken(free.slot.handle, soPin, label);
    } catch (e) {
      throw fail(`C_InitToken failed for token "${label}".`, e);
    }
    const slot = module.findSlot({ label }).slot;
    const session = slot.open(CKF_RW_SESSION | CKF_SERIAL_SESSION);
    try {
      session.lib.C_Login(session.handle, CKU_SO, soPin);
      session.lib.C_InitPIN(session.handle, pin);
      session.lib.C_Logout(session.handle);
    } catch (e) {
      throw fail(`Setting the user PIN of token "${label}" failed.`, e);
    } finally {
      session.close();
    }
  } finally {
    module.close();
  }

  // Read the slot id after a fresh C_Initialize, where SoftHSM assigns the token its lasting id.
  const again = openPkcs11Module(modulePath, { softhsm2Conf: conf });
  try {
    return { conf, tokenDir, modulePath, label, slot: again.findSlot({ label }).info.slotId };
  } finally {
    again.close();
  }
}
