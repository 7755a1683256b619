// A throwaway rehearsal root (O=Rootsmith rehearsal, P-384 key generated in memory) that certifies one service
// key and is then discarded: its private key is never written, so nobody can issue more under it later.
import { generateEphemeralSigner, type Signer } from '../../core/keys';
import { issueCertificate, rootCaProfile, type IssuedParams, type NameSpec, type Profile } from '../../core/pki';

export const REHEARSAL_ORGANIZATION = 'Rootsmith rehearsal';

/** Issues `[certificate for subjectKey, root]` (DER) under a fresh rehearsal root named `rootName`. */
export async function issueUnderRehearsalRoot(opts: {
  rootName: string;
  subjectName: string;
  profile: Profile<IssuedParams & { subject: NameSpec }>;
  subjectKey: Signer;
  now: Date;
}): Promise<Uint8Array[]> {
  // A minute back, so a verifier whose clock runs slightly behind still sees the certificates as valid.
  const notBefore = new Date(Math.floor(opts.now.getTime() / 1000) * 1000 - 60_000);
  const rootKey = generateEphemeralSigner('ecdsa-p384');
  const root = await issueCertificate({
    template: rootCaProfile.build({
      subject: { commonName: opts.rootName, organization: REHEARSAL_ORGANIZATION },
      subjectPublicKey: await rootKey.publicKeySpki(),
      notBefore,
    }),
    profile: rootCaProfile,
    signer: rootKey,
    at: opts.now,
  });
  const template = opts.profile.build({
    subject: { commonName: opts.subjectName, organization: REHEARSAL_ORGANIZATION },
    issuer: root.der,
    subjectPublicKey: await opts.subjectKey.publicKeySpki(),
    notBefore,
  });
  const cert = await issueCertificate({ template, profile: opts.profile, issuer: root.der, signer: rootKey, at: opts.now });
  return [cert.der, root.der];
}
