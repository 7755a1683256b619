// Test-only helpers for core/ca: a rehearsal CA chain, a CT log in a temp dir, and a client that asks for a
// certificate the way sigstore-js does (ephemeral P-256 key, signature over the token's email as proof).
import { generateKeyPairSync, sign as cryptoSign, type KeyObject } from 'node:crypto';
import type { Clock } from '../clock';
import { generateEphemeralSigner, type SoftwareSigner } from '../keys/software-signer';
import { makeIntermediate, makeRoot, tempDir, type TestCa } from '../pki/testing';
import { CtLog } from './ctlog/ct-log';
import { FulcioCa } from './fulcio-ca';
import { TestOidcIssuer } from './oidc-issuer';
import { verifyIdentityToken, type VerifiedToken } from './oidc-verify';

export const ISSUER_URL = 'http://127.0.0.1:5556';

export interface Rig {
  root: TestCa;
  intermediate: TestCa;
  oidc: TestOidcIssuer;
  ctLog: CtLog;
  ctLogSigner: SoftwareSigner;
  ctDir: string;
  ca: FulcioCa;
  cleanup(): void;
}

export async function makeRig(clock: Clock, withCt = true): Promise<Rig> {
  const root = await makeRoot('ecdsa-p384', 'Rehearsal Root');
  const intermediate = await makeIntermediate(root, 'fulcio-intermediate', 'ecdsa-p256');
  const oidc = await TestOidcIssuer.create(generateEphemeralSigner('ecdsa-p256'), ISSUER_URL);
  const { dir, cleanup } = tempDir();
  const ctLogSigner = generateEphemeralSigner('ecdsa-p256');
  const ctLog = await CtLog.open(dir, { signer: ctLogSigner, clock, roots: [root.der] });
  const ca = new FulcioCa({ signer: intermediate.signer, chain: [intermediate.der, root.der], clock, ...(withCt ? { ctLog } : {}) });
  await ca.checkKey();
  return { root, intermediate, oidc, ctLog, ctLogSigner, ctDir: dir, ca, cleanup };
}

export interface Client {
  privateKey: KeyObject;
  spki: Uint8Array;
  /** What sigstore-js sends as proofOfPossession: the key's DER ECDSA signature (SHA-256) over `text`. */
  prove(text: string): Uint8Array;
}

export function makeClient(): Client {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privateKey,
    spki: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
    prove: (text) => new Uint8Array(cryptoSign('sha256', Buffer.from(text), privateKey)),
  };
}

export async function tokenFor(rig: Rig, email: string, clock: Clock): Promise<VerifiedToken> {
  const jwt = await rig.oidc.mint({ email }, clock);
  return verifyIdentityToken(jwt, { jwks: rig.oidc.jwks(), issuer: ISSUER_URL, clock });
}
