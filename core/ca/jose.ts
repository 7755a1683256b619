// The small part of JOSE the test issuer and the token verifier need (RFC 7515 compact JWS, RFC 7517 JWK,
// RFC 7518 3.4 ES256 with raw r||s signatures, RFC 7638 thumbprints). Hand-written: no JWT library is installed.
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { p256 } from '@noble/curves/p256';
import { sha256, toBase64Url } from '../bytes';
import { CaError } from './errors';

/** A public JWK as a JWKS lists it (RFC 7517 4): EC (crv, x, y) or RSA (n, e). */
export interface Jwk {
  kty: string;
  kid?: string;
  alg?: string;
  use?: string;
  crv?: string;
  x?: string;
  y?: string;
  n?: string;
  e?: string;
}

export interface Jwks {
  keys: Jwk[];
}

export type JsonObject = Record<string, unknown>;

export function base64UrlJson(value: JsonObject): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify(value)));
}

function fromBase64UrlStrict(part: string, what: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) throw new CaError('TOKEN_INVALID', `The token's ${what} is not base64url.`);
  return new Uint8Array(Buffer.from(part, 'base64url'));
}

export interface DecodedJws {
  header: JsonObject;
  payload: JsonObject;
  /** ASCII of "header.payload", what the signature covers (RFC 7515 5.2). */
  signingInput: Uint8Array;
  signature: Uint8Array;
}

function parseJsonObject(bytes: Uint8Array, what: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    throw new CaError('TOKEN_INVALID', `The token's ${what} is not JSON.`, { cause: e });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CaError('TOKEN_INVALID', `The token's ${what} is not a JSON object.`);
  return value as JsonObject;
}

/** Splits a compact JWS (RFC 7515 7.1) without checking anything but its shape. TOKEN_INVALID otherwise. */
export function decodeJws(token: string): DecodedJws {
  if (typeof token !== 'string' || token.length > 16_384) throw new CaError('TOKEN_INVALID', 'The identity token is missing or too long.');
  const parts = token.split('.');
  if (parts.length !== 3) throw new CaError('TOKEN_INVALID', 'The identity token is not a JWT (three dot-separated parts).');
  const [h, p, s] = parts as [string, string, string];
  return {
    header: parseJsonObject(fromBase64UrlStrict(h, 'header'), 'header'),
    payload: parseJsonObject(fromBase64UrlStrict(p, 'payload'), 'payload'),
    signingInput: new TextEncoder().encode(`${h}.${p}`),
    signature: fromBase64UrlStrict(s, 'signature'),
  };
}

/** RFC 7518 3.4: JWS ES256 carries r||s (64 bytes); our Signer returns DER ECDSA-Sig-Value. */
export function es256DerToRaw(der: Uint8Array): Uint8Array {
  return p256.Signature.fromDER(der).toCompactRawBytes();
}

/** The public JWK of a DER SPKI (EC or RSA), with `kid` set to its RFC 7638 thumbprint. */
export function jwkFromSpki(spki: Uint8Array): Jwk {
  const jwk = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }).export({ format: 'jwk' }) as JsonWebKey;
  const out: Jwk = jwk.kty === 'RSA' ? { kty: 'RSA', n: String(jwk.n), e: String(jwk.e) } : { kty: String(jwk.kty), crv: String(jwk.crv), x: String(jwk.x), y: String(jwk.y) };
  out.kid = jwkThumbprint(out);
  return out;
}

/** RFC 7638 3: SHA-256 over the required members in lexicographic order, base64url. */
export function jwkThumbprint(jwk: Jwk): string {
  const members = jwk.kty === 'RSA' ? { e: jwk.e, kty: jwk.kty, n: jwk.n } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  return toBase64Url(sha256(JSON.stringify(members)));
}

/** A node:crypto public key for a JWK; JWKS_INVALID if it is not one. */
export function keyFromJwk(jwk: Jwk): KeyObject {
  try {
    const members: JsonWebKey = jwk.kty === 'RSA' ? { kty: 'RSA', n: jwk.n, e: jwk.e } : { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
    return createPublicKey({ key: members, format: 'jwk' });
  } catch (e) {
    throw new CaError('JWKS_INVALID', `JWKS key ${jwk.kid ?? '(no kid)'} is not a usable public key.`, { cause: e });
  }
}

/** Checks a value is a JWKS ({ keys: [...] } of objects with kty); JWKS_INVALID otherwise. */
export function parseJwks(value: unknown): Jwks {
  const keys = (value as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'object' && k !== null && typeof (k as Jwk).kty === 'string')) {
    throw new CaError('JWKS_INVALID', 'The JWKS is not an object with a "keys" array of JWKs.');
  }
  return { keys: keys as Jwk[] };
}
