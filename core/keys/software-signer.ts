// Software keys: a Signer over a node:crypto KeyObject, kept on disk as encrypted PKCS#8 PEM (RFC 5958 with
// PBES2: PBKDF2-HMAC-SHA256, 600,000 iterations, AES-256-CBC). For tests, rehearsals and lint-before-sign keys.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { bytesEqual } from '../bytes';
import { KeyError } from './errors';
import { writeKeyFileExclusive } from './key-file-write';
import { encryptPrivateKeyPem } from './pkcs8-encrypt';
import { algorithmOfKeyObject } from './spki';
import { defaultHash, type HashAlgorithm, type KeyAlgorithm, type Signer } from './signer';

export class SoftwareSigner implements Signer {
  readonly algorithm: KeyAlgorithm;
  private readonly spki: Uint8Array;

  private constructor(
    private readonly privateKey: KeyObject,
    readonly ref: string,
  ) {
    this.algorithm = algorithmOfKeyObject(privateKey);
    this.spki = new Uint8Array(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }));
  }

  /** Wraps a private KeyObject (P-256, P-384 or Ed25519; else KEY_UNSUPPORTED). `ref` names it, e.g. its file path. */
  static fromKeyObject(privateKey: KeyObject, ref: string): SoftwareSigner {
    if (privateKey.type !== 'private') {
      throw new KeyError('KEY_UNSUPPORTED', 'A software signer needs a private key, not a public one.');
    }
    return new SoftwareSigner(privateKey, ref);
  }

  async publicKeySpki(): Promise<Uint8Array> {
    return this.spki.slice();
  }

  async sign(data: Uint8Array, hash?: HashAlgorithm): Promise<Uint8Array> {
    if (this.algorithm === 'ed25519') return new Uint8Array(cryptoSign(null, data, this.privateKey));
    // DER ECDSA-Sig-Value (RFC 5480 / X9.62), the form X.509, CMS and TUF use.
    const sig = cryptoSign(hash ?? defaultHash(this.algorithm), data, { key: this.privateKey, dsaEncoding: 'der' });
    return new Uint8Array(sig);
  }

  /** Nothing to release; present so every signer from openSigner() can be closed the same way. */
  close(): void {}
}

function generatePrivateKey(algorithm: KeyAlgorithm): KeyObject {
  switch (algorithm) {
    case 'ecdsa-p256':
      return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    case 'ecdsa-p384':
      return generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey;
    case 'ed25519':
      return generateKeyPairSync('ed25519').privateKey;
  }
}

/** An in-memory throwaway key (never written anywhere), e.g. to sign a certificate only to lint it. */
export function generateEphemeralSigner(algorithm: KeyAlgorithm): SoftwareSigner {
  return SoftwareSigner.fromKeyObject(generatePrivateKey(algorithm), `ephemeral:${algorithm}`);
}

function requirePassphrase(passphrase: string): void {
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new KeyError('PASSPHRASE_REQUIRED', 'A non-empty passphrase is required for a software key file.');
  }
}

/** New key files only; files that already exist open whatever their passphrase. */
export const MIN_NEW_PASSPHRASE_LENGTH = 12;

/** PASSPHRASE_TOO_SHORT unless `passphrase` may protect a new key file (the message never holds it). */
export function checkNewPassphrase(passphrase: string): void {
  requirePassphrase(passphrase);
  if ([...passphrase].length < MIN_NEW_PASSPHRASE_LENGTH) {
    throw new KeyError(
      'PASSPHRASE_TOO_SHORT',
      `A passphrase for a new key file needs at least ${MIN_NEW_PASSPHRASE_LENGTH} characters (a few words are easier to type than symbols).`,
    );
  }
}

/**
 * Generates a key and writes it to `path` as encrypted PKCS#8 PEM, mode 0600, crash-safe (key-file-write.ts).
 * Refuses with KEY_FILE_EXISTS if anything already exists at `path`: a key file is never overwritten.
 */
export async function createSoftwareKey(path: string, algorithm: KeyAlgorithm, passphrase: string): Promise<SoftwareSigner> {
  checkNewPassphrase(passphrase);
  const privateKey = generatePrivateKey(algorithm);
  await writeKeyFileExclusive(path, await encryptPrivateKeyPem(privateKey, passphrase));
  // Write, then check (CONVENTIONS 13): the file must decrypt with this passphrase to this very key.
  const reread = await loadSoftwareKey(path, passphrase);
  const signer = SoftwareSigner.fromKeyObject(privateKey, path);
  if (!bytesEqual(await reread.publicKeySpki(), await signer.publicKeySpki())) {
    throw new KeyError('KEY_UNSUPPORTED', `${path} does not read back as the key just written.`, { details: { path } });
  }
  return signer;
}

/** Reads an encrypted (or plain) PKCS#8 PEM key file written by createSoftwareKey or OpenSSL. */
export async function loadSoftwareKey(path: string, passphrase: string): Promise<SoftwareSigner> {
  let pem: string;
  try {
    pem = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new KeyError('KEY_NOT_FOUND', `No key file at ${path}.`, { cause: e, details: { path } });
    if (code === 'EISDIR') throw new KeyError('KEY_UNSUPPORTED', `${path} is a directory, not a key file.`, { cause: e, details: { path } });
    if (code === 'EACCES') throw new KeyError('KEY_UNSUPPORTED', `${path} cannot be read (permission denied).`, { cause: e, details: { path } });
    throw e;
  }
  if (pem.length === 0) {
    // What an interrupted write of older versions left: the file was created, the key never written into it.
    throw new KeyError('KEY_UNSUPPORTED', `${path} is empty (0 bytes): it holds no key, probably left by an interrupted key generation.`, { details: { path, empty: true } });
  }
  const encrypted = pem.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----');
  if (encrypted) requirePassphrase(passphrase);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem', passphrase });
  } catch (e) {
    // A wrong passphrase usually fails the CBC padding check, but about 1 in 256 times it yields garbage that
    // fails to parse instead; for an encrypted file both mean the passphrase is wrong.
    if (encrypted) {
      throw new KeyError('PASSPHRASE_INCORRECT', `The passphrase for ${path} is incorrect.`, { details: { path } });
    }
    throw new KeyError('KEY_UNSUPPORTED', `${path} is not a PEM private key Rootsmith can read.`, { cause: e, details: { path } });
  }
  return SoftwareSigner.fromKeyObject(privateKey, path);
}
