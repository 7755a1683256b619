// Test-only helpers for core/pki tests: software-key chains built through the real profiles, template edits,
// and temp dirs. Not part of the public API (not exported from index.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyAlgorithm } from '../keys/signer';
import { generateEphemeralSigner, type SoftwareSigner } from '../keys/software-signer';
import type { CertExtension, CertificateTemplate } from './x509';
import { issueCertificate } from './lint/issue';
import { PROFILES } from './profiles';

export const T0 = new Date('2026-01-01T00:00:00Z');

export interface TestCa {
  signer: SoftwareSigner;
  der: Uint8Array;
}

export async function makeRoot(alg: KeyAlgorithm = 'ecdsa-p384', name = 'Test Root'): Promise<TestCa> {
  const signer = generateEphemeralSigner(alg);
  const template = PROFILES['root-ca'].build({
    subject: { commonName: name, organization: 'Rootsmith Test' },
    subjectPublicKey: await signer.publicKeySpki(),
    notBefore: T0,
  });
  const { der } = await issueCertificate({ template, profile: PROFILES['root-ca'], signer });
  return { signer, der };
}

export async function makeIntermediate(root: TestCa, kind: 'fulcio-intermediate' | 'tsa-intermediate', alg: KeyAlgorithm = 'ecdsa-p384'): Promise<TestCa> {
  const signer = generateEphemeralSigner(alg);
  const template = PROFILES[kind].build({
    subject: { commonName: `Test ${kind}`, organization: 'Rootsmith Test' },
    subjectPublicKey: await signer.publicKeySpki(),
    issuer: root.der,
    notBefore: T0,
  });
  const { der } = await issueCertificate({ template, profile: PROFILES[kind], issuer: root.der, signer: root.signer });
  return { signer, der };
}

/** `t` with extension `oid` replaced by `ext` (or removed when `ext` is undefined), order kept. */
export function withExtension(t: CertificateTemplate, oid: string, ext?: CertExtension): CertificateTemplate {
  const i = t.extensions.findIndex((e) => e.oid === oid);
  const rest = t.extensions.filter((e) => e.oid !== oid);
  if (!ext) return { ...t, extensions: rest };
  const extensions = [...rest];
  extensions.splice(i < 0 ? extensions.length : i, 0, ext);
  return { ...t, extensions };
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'rs-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
