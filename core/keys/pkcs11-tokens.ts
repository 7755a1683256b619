// What a PKCS#11 slot and its token say about themselves (C_GetSlotInfo, C_GetTokenInfo, C_GetMechanismList),
// in the shape the GUI and CLI show before anyone types a PIN.
import type * as graphene from 'graphene-pk11';
import * as c from './pkcs11-constants';
import { formatPkcs11Uri } from './pkcs11-uri';
import type { KeyAlgorithm } from './signer';

export interface TokenFlags {
  initialized: boolean;
  loginRequired: boolean;
  userPinInitialized: boolean;
  userPinLocked: boolean;
  userPinCountLow: boolean;
  userPinFinalTry: boolean;
  userPinToBeChanged: boolean;
  soPinLocked: boolean;
  writeProtected: boolean;
  hasRng: boolean;
  protectedAuthenticationPath: boolean;
}

export interface TokenMechanisms {
  /** CKM_EC_KEY_PAIR_GEN. */
  ecKeyPairGen: boolean;
  /** Same as ecKeyPairGen (the name app/ uses). */
  ecKeyGen: boolean;
  ecdsa: boolean;
  edwardsKeyPairGen: boolean;
  eddsa: boolean;
}

export interface TokenInfo {
  /** CK_SLOT_ID. SoftHSM derives it from the token serial, so it can change when a token is (re)initialised. */
  slotId: number;
  slotDescription: string;
  slotManufacturer: string;
  label: string;
  manufacturer: string;
  model: string;
  serial: string;
  flags: TokenFlags;
  mechanisms: TokenMechanisms;
  /** Key algorithms this token can both generate and sign with. */
  algorithms: KeyAlgorithm[];
  /** RFC 7512 URI naming this token (label, manufacturer, model, serial). */
  uri: string;
}

export function slotIdOf(handle: Buffer): number {
  return handle.length >= 8 ? Number(handle.readBigUInt64LE(0)) : handle.readUIntLE(0, handle.length);
}

export function tokenFlags(flags: number): TokenFlags {
  const has = (f: number): boolean => (flags & f) !== 0;
  return {
    initialized: has(c.CKF_TOKEN_INITIALIZED),
    loginRequired: has(c.CKF_LOGIN_REQUIRED),
    userPinInitialized: has(c.CKF_USER_PIN_INITIALIZED),
    userPinLocked: has(c.CKF_USER_PIN_LOCKED),
    userPinCountLow: has(c.CKF_USER_PIN_COUNT_LOW),
    userPinFinalTry: has(c.CKF_USER_PIN_FINAL_TRY),
    userPinToBeChanged: has(c.CKF_USER_PIN_TO_BE_CHANGED),
    soPinLocked: has(c.CKF_SO_PIN_LOCKED),
    writeProtected: has(c.CKF_WRITE_PROTECTED),
    hasRng: has(c.CKF_RNG),
    protectedAuthenticationPath: has(c.CKF_PROTECTED_AUTHENTICATION_PATH),
  };
}

export function mechanismsOf(slot: graphene.Slot): Set<number> {
  return new Set(slot.lib.C_GetMechanismList(slot.handle).map((m) => Number(m)));
}

export function readTokenInfo(slot: graphene.Slot): TokenInfo {
  const token = slot.getToken();
  const mechs = mechanismsOf(slot);
  const mechanisms: TokenMechanisms = {
    ecKeyPairGen: mechs.has(c.CKM_EC_KEY_PAIR_GEN),
    ecKeyGen: mechs.has(c.CKM_EC_KEY_PAIR_GEN),
    ecdsa: mechs.has(c.CKM_ECDSA),
    edwardsKeyPairGen: mechs.has(c.CKM_EC_EDWARDS_KEY_PAIR_GEN),
    eddsa: mechs.has(c.CKM_EDDSA),
  };
  const algorithms = c.CURVES.filter((cv) => mechs.has(cv.keyGenMechanism) && mechs.has(cv.signMechanism)).map((cv) => cv.algorithm);
  return {
    slotId: slotIdOf(slot.handle),
    slotDescription: slot.slotDescription,
    slotManufacturer: slot.manufacturerID,
    label: token.label,
    manufacturer: token.manufacturerID,
    model: token.model,
    serial: token.serialNumber,
    flags: tokenFlags(token.flags),
    mechanisms,
    algorithms,
    uri: formatPkcs11Uri({ token: token.label, manufacturer: token.manufacturerID, model: token.model, serial: token.serialNumber }),
  };
}
