// C_Login as the normal user, with the token's PIN counters turned into messages a person can act on
// (CKF_USER_PIN_COUNT_LOW / CKF_USER_PIN_FINAL_TRY / CKF_USER_PIN_LOCKED, PKCS#11 3.0 5.5 CK_TOKEN_INFO).
import type * as graphene from 'graphene-pk11';
import { KeyError } from './errors';
import { CKU_USER } from './pkcs11-constants';
import { ckrName, pkcs11Error } from './pkcs11-errors';
import { tokenFlags, type TokenFlags } from './pkcs11-tokens';

/**
 * The error for a refused PIN, from the token flags read right after the failure: PIN_LOCKED once the token
 * says so, else PIN_INCORRECT saying how many tries the token reports left (final / low).
 */
export function pinRefused(label: string, after: TokenFlags, ckr: string): KeyError {
  if (after.userPinLocked) {
    return new KeyError('PIN_LOCKED', `The PIN for token "${label}" is incorrect and the PIN is now locked; the security officer must unlock or reset it.`, {
      details: { token: label, ckr },
    });
  }
  let tries = '';
  if (after.userPinFinalTry) tries = ' Only one try remains before the PIN locks.';
  else if (after.userPinCountLow) tries = ' The token reports few tries remain before the PIN locks.';
  return new KeyError('PIN_INCORRECT', `The PIN for token "${label}" is incorrect.${tries}`, {
    details: { token: label, ckr, userPinCountLow: after.userPinCountLow, userPinFinalTry: after.userPinFinalTry },
  });
}

export function loginUser(slot: graphene.Slot, session: graphene.Session, pin: string): void {
  const token = slot.getToken();
  const label = token.label;
  const before = tokenFlags(token.flags);
  if (before.userPinLocked) {
    throw new KeyError('PIN_LOCKED', `The user PIN of token "${label}" is locked; the security officer must unlock or reset it.`, {
      details: { token: label },
    });
  }
  if (!before.userPinInitialized) {
    throw new KeyError('NOT_LOGGED_IN', `Token "${label}" has no user PIN yet; the security officer must set one.`, { details: { token: label } });
  }
  // With a protected authentication path (PIN pad), the PIN is entered on the device, not passed here.
  const pinArg = before.protectedAuthenticationPath && pin === '' ? undefined : pin;
  try {
    session.lib.C_Login(session.handle, CKU_USER, pinArg);
  } catch (e) {
    const ckr = ckrName(e);
    if (ckr === 'CKR_USER_ALREADY_LOGGED_IN') return; // Login state is per application and token (PKCS#11 5.6).
    if (ckr === 'CKR_PIN_LOCKED') {
      throw new KeyError('PIN_LOCKED', `The user PIN of token "${label}" is now locked; the security officer must unlock or reset it.`, {
        details: { token: label },
      });
    }
    if (ckr === 'CKR_PIN_INCORRECT' || ckr === 'CKR_PIN_INVALID' || ckr === 'CKR_PIN_LEN_RANGE') {
      throw pinRefused(label, tokenFlags(slot.getToken().flags), ckr);
    }
    throw pkcs11Error(e, `the login to token "${label}"`);
  }
}
