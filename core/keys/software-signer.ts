// Software keys: a Signer over a node:crypto KeyObject, kept on disk as encrypted PKCS#8 PEM (RFC 5958 with
// PBES2/PBKDF2 + AES-256-CBC, as OpenSSL 3 writes it). For tests, rehearsals and throwaway lint-before-sign keys.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { bytesEqual } from '../bytes';
import { KeyError } from './errors';
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

/**
 * Generates a key and writes it to `path` as encrypted PKCS#8 PEM, created exclusively with mode 0600.
 * Refuses with KEY_FILE_EXISTS if anything already exists at `path`: a key file is never overwritten.
 */
export async function createSoftwareKey(path: string, algorithm: KeyAlgorithm, passphrase: string): Promise<SoftwareSigner> {
  requirePassphrase(passphrase);
  const privateKey = generatePrivateKey(algorithm);
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase });
  try {
    await writeFile(path, pem, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new KeyError('KEY_FILE_EXISTS', `${path} already exists; choose a new file name (key files are never overwritten).`, {
        cause: e,
        details: { path },
      });
    }
    throw e;
  }
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
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new KeyError('KEY_NOT_FOUND', `No key file at ${path}.`, { cause: e, details: { path } });
    }
    throw e;
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
