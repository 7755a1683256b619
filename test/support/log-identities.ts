// Shared by the log CLI and monitor tests: a Fulcio-style identity (email SAN certificate and its key), signed
// hashedrekord entries posted as it, free loopback ports, and `rootsmith serve --log` on a given port.
import net from 'node:net';
import { toPem } from '../../core/bytes';
import { generateEphemeralSigner } from '../../core/keys';
import { issueCertificate, PROFILES } from '../../core/pki';
import { makeIntermediate, makeRoot, T0 } from '../../core/pki/testing';
import type { RekorClient } from '../../app/log-client';
import { hashedrekord } from './hashedrekord';
import { startServe, type Served } from './serve';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function identityKey(email: string) {
  const root = await makeRoot('ecdsa-p256');
  const inter = await makeIntermediate(root, 'fulcio-intermediate', 'ecdsa-p256');
  const signer = generateEphemeralSigner('ecdsa-p256');
  const template = PROFILES['fulcio-leaf'].build({ subjectPublicKey: await signer.publicKeySpki(), issuer: inter.der, notBefore: T0, san: { email }, oidcIssuer: 'https://oidc.example.com' });
  const { der } = await issueCertificate({ template, profile: PROFILES['fulcio-leaf'], issuer: inter.der, signer: inter.signer });
  return { signer, pem: toPem(der, 'CERTIFICATE') };
}

export type Identity = Awaited<ReturnType<typeof identityKey>>;

export async function post(client: RekorClient, who: Identity, artifact: string) {
  const sig = await who.signer.sign(Buffer.from(artifact));
  return client.createEntry(hashedrekord(artifact, sig, who.pem));
}

/** `rootsmith serve --log` on `port`, remembered in `running` so the test's `after` stops it. */
export async function serveLogOn(dir: string, port: number, running: Served[]): Promise<Served> {
  const s = await startServe(['--log', '--data', dir, '--port', String(port)]);
  running.push(s);
  return s;
}
