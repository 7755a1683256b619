// A cross-signed root: the new root's subject, key and SKI, issued by the old root, so relying parties that
// trust only the old root can reach the new one. It is a CA like the root it mirrors, but not self-signed, so
// the linter sees it as an intermediate of the root-ca rules (no EKU, keyCertSign+cRLSign).
import { viewCertificate } from '../../pki/cert-view';
import { PkiError } from '../../pki/errors';
import { authorityKeyIdExt, basicConstraintsExt, keyUsageExt, subjectKeyIdExt } from '../../pki/extensions';
import { issuerFromCertificate, requireAllowedKey } from '../../pki/profiles/common';
import { rootCaRules } from '../../pki/profiles/root-ca';
import type { ProfileRules } from '../../pki/profiles/types';
import { randomSerial } from '../../pki/serial';
import type { CertificateTemplate } from '../../pki/x509';

export const crossRootRules: ProfileRules = { ...rootCaRules, title: 'Cross-signed root CA', kind: 'intermediate' };

export function crossRootTemplate(p: { newRoot: Uint8Array; issuer: Uint8Array; notBefore: Date; notAfter: Date; pathLen?: number }): CertificateTemplate {
  const root = viewCertificate(p.newRoot);
  if (!root.subjectKeyId) throw new PkiError('PROFILE_VIOLATION', 'The new root has no Subject Key Identifier to carry over.');
  requireAllowedKey(crossRootRules, root.spki);
  const issuer = issuerFromCertificate(p.issuer);
  const pathLen = p.pathLen ?? root.basicConstraints?.value.pathLen;
  return {
    serialNumber: randomSerial(),
    issuerKeyAlgorithm: issuer.keyAlgorithm,
    issuer: issuer.subject,
    subject: root.subject,
    notBefore: p.notBefore,
    notAfter: p.notAfter,
    subjectPublicKey: root.spki,
    extensions: [
      basicConstraintsExt(true, pathLen),
      keyUsageExt(['keyCertSign', 'cRLSign']),
      // The same SKI as the new root, so path builders treat both certificates as the one CA key.
      subjectKeyIdExt(root.subjectKeyId),
      authorityKeyIdExt(issuer.subjectKeyId),
    ],
  };
}
