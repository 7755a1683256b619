// Generates a key pair inside a token with attributes that keep the private key there: token object, private,
// sensitive, never extractable, sign-only (PKCS#11 3.0 4.8-4.9). Never replaces an existing object.
import { randomBytes } from 'node:crypto';
import type * as graphene from 'graphene-pk11';
import { toHex } from '../bytes';
import { KeyError } from './errors';
import { CKO_PRIVATE_KEY, CKO_PUBLIC_KEY, curveOfAlgorithm } from './pkcs11-constants';
import { pkcs11Error } from './pkcs11-errors';
import { describeKeyPair, keyPairs, type KeyInfo, type KeyLocation } from './pkcs11-keys';
import type { KeyAlgorithm } from './signer';

export interface GenerateKeyPairOptions {
  /** CKA_LABEL of both objects; must not be in use on the token. */
  label: string;
  /** CKA_ID of both objects; 16 random bytes when omitted. Must not be in use on the token. */
  id?: Uint8Array;
  algorithm: KeyAlgorithm;
}

function anyObject(session: graphene.Session, template: Record<string, unknown>): boolean {
  return session.find(template).length > 0;
}

export function generateKeyPair(
  session: graphene.Session,
  mechanisms: Set<number>,
  where: KeyLocation,
  options: GenerateKeyPairOptions,
): KeyInfo {
  const { label, algorithm } = options;
  if (typeof label !== 'string' || label.trim() === '') throw new KeyError('KEY_UNSUPPORTED', 'A key needs a non-empty label.');
  const curve = curveOfAlgorithm(algorithm);
  if (!mechanisms.has(curve.keyGenMechanism) || !mechanisms.has(curve.signMechanism)) {
    throw new KeyError('MECHANISM_UNSUPPORTED', `This token cannot generate and sign with ${curve.curve} keys.`, {
      details: { algorithm, mechanism: `0x${curve.keyGenMechanism.toString(16)}` },
    });
  }
  const id = options.id ? new Uint8Array(options.id) : new Uint8Array(randomBytes(16));
  if (id.length === 0) throw new KeyError('KEY_UNSUPPORTED', 'A key id must not be empty.');
  const idBuf = Buffer.from(id);

  try {
    // Refuse rather than shadow: two objects with one label or id make every later reference ambiguous.
    if (anyObject(session, { label })) {
      throw new KeyError('KEY_LABEL_EXISTS', `The token already holds an object labelled "${label}"; choose another label.`, { details: { label } });
    }
    if (anyObject(session, { id: idBuf })) {
      throw new KeyError('KEY_ID_EXISTS', `The token already holds an object with id ${toHex(id)}; choose another id.`, { details: { idHex: toHex(id) } });
    }
    const ecParams = Buffer.from(curve.ecParams);
    const publicTemplate = {
      class: CKO_PUBLIC_KEY,
      keyType: curve.keyType,
      token: true,
      private: false,
      label,
      id: idBuf,
      verify: true,
      encrypt: false,
      wrap: false,
      derive: false,
      paramsEC: ecParams,
    };
    const privateTemplate = {
      class: CKO_PRIVATE_KEY,
      keyType: curve.keyType,
      token: true,
      private: true,
      label,
      id: idBuf,
      sensitive: true,
      extractable: false,
      sign: true,
      // Sign only: SoftHSM otherwise defaults CKA_DECRYPT/CKA_UNWRAP to true on new private keys.
      decrypt: false,
      unwrap: false,
      derive: false,
    };
    session.generateKeyPair({ name: curve.keyGenMechanism, params: null }, publicTemplate, privateTemplate);
  } catch (e) {
    throw pkcs11Error(e, `generating ${curve.curve} key "${label}"`);
  }

  const pair = keyPairs(session, { id }).find((p) => p.privateKey && p.publicKey);
  if (!pair) throw new KeyError('PKCS11_ERROR', `The token reported success but key "${label}" cannot be found.`, { details: { label } });
  const info = describeKeyPair(pair, where);
  // Write, then check (CONVENTIONS 13): the protections must be what the token now says, not what we asked for.
  if (info.sensitive !== true || info.extractable !== false || info.spki === null) {
    throw new KeyError('PKCS11_ERROR', `Key "${label}" was created but the token does not report it sensitive and non-extractable.`, {
      details: { label, sensitive: info.sensitive, extractable: info.extractable },
    });
  }
  return info;
}
