// Test-only fixture: a root CA (self-signed, P-256), an optional intermediate, and a TSA leaf certificate for a
// given public key, made with @peculiar/x509. Knobs produce the broken leaves the startup checks must refuse.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { toPem } from '../bytes';
import { fixedClock } from '../clock';
import type { KeyAlgorithm, Signer } from '../keys/signer';
import { generateEphemeralSigner } from '../keys/software-signer';
import { TimestampAuthority, type TimestampAuthorityOptions } from './authority';
import { PersistentSerialSource } from './serial';

const subtle = webcrypto.subtle;
const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

export interface TestChainOptions {
  /** DER SPKI of the TSA key (from Signer.publicKeySpki()). */
  leafSpki: Uint8Array;
  withIntermediate?: boolean;
  /** Extended key usages of the leaf; default [timeStamping]. `null` leaves the extension out. */
  eku?: string[] | null;
  ekuCritical?: boolean;
  /** Key usage flags of the leaf; default digitalSignature. */
  keyUsage?: x509.KeyUsageFlags;
  notBefore?: Date;
  notAfter?: Date;
}

export interface TestChain {
  root: Uint8Array;
  intermediate?: Uint8Array;
  leaf: Uint8Array;
  /** Leaf first, root last. */
  chain: Uint8Array[];
}

const der = (c: x509.X509Certificate) => new Uint8Array(c.rawData);

async function caCert(name: string, keys: CryptoKeyPair, issuer?: { name: string; key: CryptoKey }): Promise<x509.X509Certificate> {
  const extensions = [
    new x509.BasicConstraintsExtension(true, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  const validity = { notBefore: new Date(Date.UTC(2020, 0, 1)), notAfter: new Date(Date.UTC(2040, 0, 1)) };
  if (!issuer) return x509.X509CertificateGenerator.createSelfSigned({ name, keys, signingAlgorithm: SIGN, extensions, ...validity });
  return x509.X509CertificateGenerator.create({
    subject: name,
    issuer: issuer.name,
    publicKey: keys.publicKey,
    signingKey: issuer.key,
    signingAlgorithm: SIGN,
    extensions,
    ...validity,
  });
}

export async function makeTestChain(options: TestChainOptions): Promise<TestChain> {
  const rootKeys = (await subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const root = await caCert('CN=Rootsmith Test Root', rootKeys);
  let issuer = { name: 'CN=Rootsmith Test Root', key: rootKeys.privateKey };
  let intermediate: x509.X509Certificate | undefined;
  if (options.withIntermediate) {
    const keys = (await subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
    intermediate = await caCert('CN=Rootsmith Test Intermediate', keys, issuer);
    issuer = { name: 'CN=Rootsmith Test Intermediate', key: keys.privateKey };
  }
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(options.keyUsage ?? x509.KeyUsageFlags.digitalSignature, true),
  ];
  const eku = options.eku === undefined ? [x509.ExtendedKeyUsage.timeStamping] : options.eku;
  if (eku) extensions.push(new x509.ExtendedKeyUsageExtension(eku, options.ekuCritical ?? true));
  const leaf = await x509.X509CertificateGenerator.create({
    subject: 'CN=Rootsmith Test TSA, O=Rootsmith',
    issuer: issuer.name,
    publicKey: options.leafSpki.slice().buffer as ArrayBuffer,
    signingKey: issuer.key,
    signingAlgorithm: SIGN,
    extensions,
    notBefore: options.notBefore ?? new Date(Date.UTC(2021, 0, 1)),
    notAfter: options.notAfter ?? new Date(Date.UTC(2039, 0, 1)),
  });
  const chain = [der(leaf), ...(intermediate ? [der(intermediate)] : []), der(root)];
  return { root: der(root), ...(intermediate ? { intermediate: der(intermediate) } : {}), leaf: der(leaf), chain };
}

/** Test-only: a running TSA over a fresh key and chain, with root.pem / tsa.pem written into `dir`. */
export async function makeTestTsa(
  dir: string,
  algorithm: KeyAlgorithm = 'ecdsa-p256',
  extra: Partial<TimestampAuthorityOptions> & { withIntermediate?: boolean } = {},
): Promise<{ tsa: TimestampAuthority; chain: TestChain; signer: Signer; rootPem: string; untrustedPem: string }> {
  const signer = generateEphemeralSigner(algorithm);
  const chain = await makeTestChain({ leafSpki: await signer.publicKeySpki(), withIntermediate: extra.withIntermediate ?? false });
  const rootPem = path.join(dir, 'root.pem');
  const untrustedPem = path.join(dir, 'tsa.pem');
  fs.writeFileSync(rootPem, toPem(chain.root, 'CERTIFICATE'));
  fs.writeFileSync(untrustedPem, chain.chain.slice(0, -1).map((c) => toPem(c, 'CERTIFICATE')).join(''));
  const { withIntermediate: _ignored, ...options } = extra;
  const tsa = await TimestampAuthority.create({
    signer,
    chain: chain.chain,
    policyOid: TEST_POLICY,
    clock: fixedClock(new Date('2026-11-27T12:00:00.250Z')),
    serials: await PersistentSerialSource.open(path.join(dir, 'serials')),
    ...options,
  });
  return { tsa, chain, signer, rootPem, untrustedPem };
}

export const TEST_POLICY = '1.3.6.1.4.1.57264.2.1';

/** Re-exported so tests get @peculiar/x509 only after reflect-metadata is loaded. */
export { x509 };
