// Finds and describes the key pairs on a token: private and public key objects paired by CKA_ID (else by
// CKA_LABEL), their curve, the protection flags read back from the token, their RFC 7512 URI and SPKI.
import type * as graphene from 'graphene-pk11';
import { bytesEqual, toHex } from '../bytes';
import { KeyError } from './errors';
import { CKO_PRIVATE_KEY, CKO_PUBLIC_KEY, curveOfParams, type CurveName, type CurveSpec } from './pkcs11-constants';
import { pkcs11Error } from './pkcs11-errors';
import { spkiFromEcPoint } from './pkcs11-public-key';
import { formatPkcs11Uri } from './pkcs11-uri';
import type { KeyAlgorithm } from './signer';

export interface KeyInfo {
  label: string;
  /** CKA_ID as lower-case hex ('' when the objects have none). */
  idHex: string;
  algorithm: KeyAlgorithm;
  curve: CurveName;
  hasPrivateKey: boolean;
  hasPublicKey: boolean;
  /** CKA_SENSITIVE of the private key, read back from the token (null without a private key object). */
  sensitive: boolean | null;
  /** CKA_EXTRACTABLE of the private key, read back from the token. */
  extractable: boolean | null;
  /** CKA_ALWAYS_SENSITIVE: the key was never anything but sensitive. */
  alwaysSensitive: boolean | null;
  /** CKA_NEVER_EXTRACTABLE: the key was never extractable. */
  neverExtractable: boolean | null;
  /** RFC 7512 URI of the private key: token, object, id, type=private, and module-path. */
  uri: string;
  /** DER SubjectPublicKeyInfo built from the public key object (null without one). */
  spki: Uint8Array | null;
}

/** Where keys live, for building their URIs. */
export interface KeyLocation {
  tokenLabel: string;
  modulePath: string;
}

export interface KeyPairObjects {
  label: string;
  id: Uint8Array;
  curve: CurveSpec;
  privateKey?: graphene.SessionObject;
  publicKey?: graphene.SessionObject;
}

interface KeyObject {
  object: graphene.SessionObject;
  label: string;
  id: Uint8Array;
  curve: CurveSpec | undefined;
}

function readKeyObject(object: graphene.SessionObject): KeyObject {
  const a = object.getAttribute({ label: null, id: null, keyType: null }) as { label?: string; id?: Buffer; keyType?: number };
  let curve: CurveSpec | undefined;
  try {
    // CKA_EC_PARAMS and CKA_ECDSA_PARAMS are one attribute (0x180); graphene names it back either way.
    const p = object.getAttribute({ paramsEC: null }) as { paramsEC?: Buffer; paramsECDSA?: Buffer };
    const params = p.paramsEC ?? p.paramsECDSA;
    curve = params ? curveOfParams(Number(a.keyType), new Uint8Array(params)) : undefined;
  } catch {
    curve = undefined; // Not an EC key (no CKA_EC_PARAMS): not one Rootsmith uses.
  }
  return { object, label: a.label ?? '', id: new Uint8Array(a.id ?? Buffer.alloc(0)), curve };
}

function findObjects(session: graphene.Session, cls: number, template: { label?: string; id?: Uint8Array } = {}): KeyObject[] {
  const t: Record<string, unknown> = { class: cls };
  if (template.label !== undefined) t.label = template.label;
  if (template.id !== undefined) t.id = Buffer.from(template.id);
  const found = session.find(t);
  const out: KeyObject[] = [];
  for (let i = 0; i < found.length; i++) out.push(readKeyObject(found.items(i)));
  return out;
}

function samePair(a: KeyObject, b: KeyObject): boolean {
  return a.id.length > 0 || b.id.length > 0 ? bytesEqual(a.id, b.id) : a.label === b.label;
}

/** Pairs private and public key objects; keys on curves Rootsmith does not use are left out. */
export function keyPairs(session: graphene.Session, filter: { label?: string; id?: Uint8Array } = {}): KeyPairObjects[] {
  try {
    const privs = findObjects(session, CKO_PRIVATE_KEY, filter);
    const pubs = findObjects(session, CKO_PUBLIC_KEY, filter);
    const pairs: KeyPairObjects[] = [];
    const usedPubs = new Set<KeyObject>();
    for (const priv of privs) {
      const pub = pubs.find((p) => !usedPubs.has(p) && samePair(priv, p));
      if (pub) usedPubs.add(pub);
      const curve = priv.curve ?? pub?.curve;
      if (!curve) continue;
      pairs.push({ label: priv.label || pub?.label || '', id: priv.id, curve, privateKey: priv.object, ...(pub ? { publicKey: pub.object } : {}) });
    }
    for (const pub of pubs) {
      if (usedPubs.has(pub) || !pub.curve) continue;
      pairs.push({ label: pub.label, id: pub.id, curve: pub.curve, publicKey: pub.object });
    }
    return pairs;
  } catch (e) {
    throw pkcs11Error(e, 'listing keys');
  }
}

function readBool(object: graphene.SessionObject, name: string): boolean | null {
  try {
    const v = (object.getAttribute({ [name]: null }) as Record<string, unknown>)[name];
    return typeof v === 'boolean' ? v : null;
  } catch {
    return null; // Attribute not available on this object (CKR_ATTRIBUTE_TYPE_INVALID).
  }
}

export function spkiOfPair(pair: KeyPairObjects): Uint8Array | null {
  if (!pair.publicKey) return null;
  const a = pair.publicKey.getAttribute({ pointEC: null }) as { pointEC?: Buffer };
  if (!a.pointEC) return null;
  return spkiFromEcPoint(new Uint8Array(a.pointEC), pair.curve);
}

export function keyUri(pair: { label: string; id: Uint8Array }, where: KeyLocation): string {
  return formatPkcs11Uri({
    token: where.tokenLabel,
    ...(pair.label !== '' ? { object: pair.label } : {}),
    ...(pair.id.length > 0 ? { id: pair.id } : {}),
    type: 'private',
    modulePath: where.modulePath,
  });
}

export function describeKeyPair(pair: KeyPairObjects, where: KeyLocation): KeyInfo {
  const priv = pair.privateKey;
  try {
    return {
      label: pair.label,
      idHex: toHex(pair.id),
      algorithm: pair.curve.algorithm,
      curve: pair.curve.curve,
      hasPrivateKey: priv !== undefined,
      hasPublicKey: pair.publicKey !== undefined,
      sensitive: priv ? readBool(priv, 'sensitive') : null,
      extractable: priv ? readBool(priv, 'extractable') : null,
      alwaysSensitive: priv ? readBool(priv, 'alwaysSensitive') : null,
      neverExtractable: priv ? readBool(priv, 'neverExtractable') : null,
      uri: keyUri(pair, where),
      spki: spkiOfPair(pair),
    };
  } catch (e) {
    throw pkcs11Error(e, `reading key "${pair.label}"`);
  }
}

/** The one key pair with a private key matching `label` and/or `id`; KEY_NOT_FOUND if none or several. */
export function findKeyPair(session: graphene.Session, selector: { label?: string; id?: Uint8Array }): KeyPairObjects {
  const what = [selector.label !== undefined ? `label "${selector.label}"` : '', selector.id ? `id ${toHex(selector.id)}` : '']
    .filter((s) => s !== '')
    .join(' and ');
  if (what === '') throw new KeyError('KEY_NOT_FOUND', 'Name the key by its label (object=) or id (id=).');
  const matches = keyPairs(session, selector).filter((p) => p.privateKey !== undefined);
  if (matches.length === 0) {
    throw new KeyError('KEY_NOT_FOUND', `No private key with ${what} on this token (or it is on a curve Rootsmith does not use).`, {
      details: { ...(selector.label !== undefined ? { label: selector.label } : {}), ...(selector.id ? { idHex: toHex(selector.id) } : {}) },
    });
  }
  if (matches.length > 1) {
    throw new KeyError('KEY_NOT_FOUND', `Several private keys match ${what}; name the key by its id as well.`, {
      details: { matches: matches.length },
    });
  }
  const match = matches[0]!;
  if (!match.publicKey && match.id.length > 0) {
    // The public key may carry another label; CKA_ID is what pairs them (PKCS#11 3.0 4.4 CKA_ID).
    const pub = keyPairs(session, { id: match.id }).find((p) => p.publicKey !== undefined);
    if (pub?.publicKey) return { ...match, publicKey: pub.publicKey };
  }
  return match;
}
