// Test fixture: a software root CA and a TSA leaf for a given key, issued through core/pki's profiles and
// lint-before-sign (what a Rootsmith ceremony does), written as a PEM chain (leaf first, root last).
import fs from 'node:fs';
import { generateEphemeralSigner } from '../../core/keys';
import { chainToPem, issueCertificate, rootCaProfile, tsaLeafProfile } from '../../core/pki';

export interface IssuedTsaChain {
  leaf: Uint8Array;
  root: Uint8Array;
  pem: string;
}

export async function issueTsaChain(leafSpki: Uint8Array, name = 'Rootsmith Test'): Promise<IssuedTsaChain> {
  const rootKey = generateEphemeralSigner('ecdsa-p256');
  const notBefore = new Date(Date.now() - 3600_000);
  const root = await issueCertificate({
    template: rootCaProfile.build({ subject: { commonName: `${name} Root`, organization: name }, subjectPublicKey: await rootKey.publicKeySpki(), notBefore }),
    profile: rootCaProfile,
    signer: rootKey,
  });
  const leaf = await issueCertificate({
    template: tsaLeafProfile.build({ subject: { commonName: `${name} TSA`, organization: name }, issuer: root.der, subjectPublicKey: leafSpki, notBefore }),
    profile: tsaLeafProfile,
    issuer: root.der,
    signer: rootKey,
  });
  return { leaf: leaf.der, root: root.der, pem: chainToPem([leaf.der, root.der]) };
}

export function writeChain(file: string, chain: IssuedTsaChain): string {
  fs.writeFileSync(file, chain.pem);
  return file;
}
