// What a person is told when the token refuses a PIN, for every PIN counter state PKCS#11 defines
// (SoftHSM2 never locks a PIN, so the locked states are checked here from the flags alone).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as c from './pkcs11-constants';
import { pinRefused } from './pkcs11-login';
import { tokenFlags } from './pkcs11-tokens';

const base = c.CKF_TOKEN_INITIALIZED | c.CKF_LOGIN_REQUIRED | c.CKF_USER_PIN_INITIALIZED;
const cases: { flags: number; code: string; message: RegExp }[] = [
  { flags: base, code: 'PIN_INCORRECT', message: /^The PIN for token "T" is incorrect\.$/ },
  { flags: base | c.CKF_USER_PIN_COUNT_LOW, code: 'PIN_INCORRECT', message: /few tries remain/ },
  { flags: base | c.CKF_USER_PIN_COUNT_LOW | c.CKF_USER_PIN_FINAL_TRY, code: 'PIN_INCORRECT', message: /Only one try remains/ },
  { flags: base | c.CKF_USER_PIN_FINAL_TRY, code: 'PIN_INCORRECT', message: /Only one try remains/ },
  { flags: base | c.CKF_USER_PIN_LOCKED, code: 'PIN_LOCKED', message: /now locked; the security officer must unlock/ },
];

for (const { flags, code, message } of cases) {
  test(`flags 0x${flags.toString(16)} -> ${code}`, () => {
    const e = pinRefused('T', tokenFlags(flags), 'CKR_PIN_INCORRECT');
    assert.equal(e.code, code);
    assert.match(e.message, message);
  });
}
