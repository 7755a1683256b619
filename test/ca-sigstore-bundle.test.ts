// Keyless signing with the real sigstore-js pieces against `rootsmith serve --ca --oidc --tsa`: FulcioSigner gets
// a short-lived certificate from our CA, TSAWitness a timestamp from our TSA, and @sigstore/verify's Verifier
// accepts the bundle (chain, embedded SCT, timestamp, identity policy) with a trusted_root.json built by
// core/sigstore, and refuses another identity, another issuer and a root that does not list our CT log.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { bundleFromJSON, bundleToJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { FulcioSigner, MessageSignatureBundleBuilder, TSAWitness } from '@sigstore/sign';
import { Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify';
import { fromPem, parsePemBlocks } from '../core/bytes';
import { generateEphemeralSigner } from '../core/keys';
import { buildTrustedRoot, type TrustedRootSpec } from '../core/sigstore';
import { runCli } from './support/cli';
import { startServe, type Served } from './support/serve';
import { makeTempDir } from './support/temp-dir';

const tmp = makeTempDir('rs-ca-bundle-');
let served: Served | undefined;
after(async () => {
  await served?.stop();
  tmp.cleanup();
});

const ARTIFACT = Buffer.from('a release signed keylessly in a rehearsal\n');
const EMAIL = 'signer@example.com';

async function pemChain(url: string): Promise<Uint8Array[]> {
  return parsePemBlocks(await (await fetch(url)).text()).map((b) => b.der);
}

test('a keyless bundle from our CA and TSA verifies with @sigstore/verify against our trusted root', async () => {
  served = await startServe(['--ca', '--oidc', '--tsa', '--data', tmp.dir]);
  const { ca, oidc, tsa, ctlog } = served.urls as Record<string, string>;
  const token = (runCli(['oidc', 'token', '--url', oidc!, '--email', EMAIL, '--json']).json() as { token: string }).token;

  const builder = new MessageSignatureBundleBuilder({
    signer: new FulcioSigner({ fulcioBaseURL: ca!, identityProvider: { getToken: async () => token } }),
    witnesses: [new TSAWitness({ tsaBaseURL: tsa! })],
  });
  const bundle = bundleFromJSON(JSON.parse(JSON.stringify(bundleToJSON(await builder.create({ data: ARTIFACT })))));

  const caChain = (((await (await fetch(`${ca}/api/v2/trustBundle`)).json()) as { chains: { certificates: string[] }[] }).chains[0]!.certificates).map((p) => parsePemBlocks(p)[0]!.der);
  const ctKey = fromPem(fs.readFileSync(path.join(tmp.dir, 'ctlog', 'ctlog-public-key.pem'), 'utf8'), 'PUBLIC KEY');
  const since = new Date(Date.now() - 3600_000);
  const spec: TrustedRootSpec = {
    certificateAuthorities: [{ uri: ca!, chain: caChain }],
    ctlogs: [{ baseUrl: ctlog!, publicKey: ctKey, validFrom: since }],
    timestampAuthorities: [{ uri: `${tsa}/api/v1/timestamp`, chain: await pemChain(`${tsa}/api/v1/timestamp/certchain`) }],
  };
  const material = (s: TrustedRootSpec) => toTrustMaterial(TrustedRoot.fromJSON(buildTrustedRoot(s)));
  const policy = { tlogThreshold: 0, ctlogThreshold: 1, timestampThreshold: 1 };
  const verifier = new Verifier(material(spec), policy);
  const signer = verifier.verify(toSignedEntity(bundle, ARTIFACT), { subjectAlternativeName: EMAIL, extensions: { issuer: oidc! } });
  assert.equal(signer.identity?.subjectAlternativeName, EMAIL);

  assert.throws(() => verifier.verify(toSignedEntity(bundle, ARTIFACT), { subjectAlternativeName: 'someone@example.com' }));
  assert.throws(() => verifier.verify(toSignedEntity(bundle, ARTIFACT), { extensions: { issuer: 'https://accounts.google.com' } }));
  assert.throws(() => verifier.verify(toSignedEntity(bundle, Buffer.from('tampered'))));
  const otherCt = await generateEphemeralSigner('ecdsa-p256').publicKeySpki();
  const noOurCt = new Verifier(material({ ...spec, ctlogs: [{ baseUrl: 'http://127.0.0.1:1', publicKey: otherCt, validFrom: since }] }), policy);
  assert.throws(() => noOurCt.verify(toSignedEntity(bundle, ARTIFACT)));
});
