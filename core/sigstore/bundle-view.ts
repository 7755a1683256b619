// A Sigstore bundle decoded for people: who signed (certificate subject, SAN, OIDC issuer), what (digest), where
// it was logged (log index, integrated time) and timestamped. Never throws on a bundle it can parse as JSON.
import { bundleFromJSON } from '@sigstore/bundle';
import { hashAlgorithmToJSON } from '@sigstore/protobuf-specs';
import { toHex, toPem } from '../bytes';
import { viewVerifierPem, type VerifierView } from '../tlog/rekor/verifier-view';
import { decodeTimestamp } from '../tsa/decode';

export interface BundleView {
  mediaType: string;
  content: 'message-signature' | 'dsse-envelope';
  digest?: { algorithm: string; hex: string };
  payloadType?: string;
  signer: VerifierView | { kind: 'key-hint'; hint: string };
  tlogEntries: { logIndex: string; logIdHex: string; integratedTime: string; kind: string; version: string; inclusionProof: boolean; inclusionPromise: boolean; treeSize?: string }[];
  timestamps: { genTime: string; policyOid: string; serialHex: string; tsaName?: string }[];
}

export function viewBundle(json: unknown): BundleView {
  const b = bundleFromJSON(json);
  const vm = b.verificationMaterial;
  let signer: BundleView['signer'];
  switch (vm.content.$case) {
    case 'certificate':
      signer = viewVerifierPem(toPem(vm.content.certificate.rawBytes, 'CERTIFICATE'));
      break;
    case 'x509CertificateChain':
      signer = viewVerifierPem(toPem(vm.content.x509CertificateChain.certificates[0]!.rawBytes, 'CERTIFICATE'));
      break;
    case 'publicKey':
      signer = { kind: 'key-hint', hint: vm.content.publicKey.hint ?? '' };
      break;
  }
  const view: BundleView = {
    mediaType: b.mediaType,
    content: b.content.$case === 'dsseEnvelope' ? 'dsse-envelope' : 'message-signature',
    signer,
    tlogEntries: vm.tlogEntries.map((t) => ({
      logIndex: String(t.logIndex),
      logIdHex: t.logId ? toHex(t.logId.keyId) : '',
      integratedTime: new Date(Number(t.integratedTime) * 1000).toISOString(),
      kind: t.kindVersion?.kind ?? '',
      version: t.kindVersion?.version ?? '',
      inclusionProof: Boolean(t.inclusionProof),
      inclusionPromise: Boolean(t.inclusionPromise),
      ...(t.inclusionProof ? { treeSize: String(t.inclusionProof.treeSize) } : {}),
    })),
    timestamps: (vm.timestampVerificationData?.rfc3161Timestamps ?? []).map((ts) => {
      const token = decodeTimestamp(ts.signedTimestamp).token;
      return token
        ? { genTime: token.genTime, policyOid: token.policyOid, serialHex: token.serialHex, ...(token.tsaName ? { tsaName: token.tsaName } : {}) }
        : { genTime: '', policyOid: '', serialHex: '' };
    }),
  };
  if (b.content.$case === 'messageSignature' && b.content.messageSignature.messageDigest) {
    const d = b.content.messageSignature.messageDigest;
    view.digest = { algorithm: hashAlgorithmToJSON(d.algorithm), hex: toHex(d.digest) };
  }
  if (b.content.$case === 'dsseEnvelope') view.payloadType = b.content.dsseEnvelope.payloadType;
  return view;
}
