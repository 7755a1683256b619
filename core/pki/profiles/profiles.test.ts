// The profiles: what each builds (defaults, key identifiers, lifetimes), what they refuse to build, and the
// Fulcio leaf rules the linter enforces for the local CA.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytesEqual } from '../../bytes';
import { generateEphemeralSigner } from '../../keys/software-signer';
import { viewCertificate } from '../cert-view';
import { PkiError } from '../errors';
import { subjectAltNameExt } from '../extensions';
import { lintCertificate, lintErrors } from '../lint/lint';
import { encodeName } from '../name';
import { OID } from '../oids';
import { makeIntermediate, makeRoot, T0, withExtension } from '../testing';
import { buildCertificate, type CertificateTemplate } from '../x509';
import { PROFILES } from './index';

const violation = (e: unknown) => e instanceof PkiError && e.code === 'PROFILE_VIOLATION';

test('root-ca: self-signed, 10 years, SKI from the key, no AKI unless asked, pathLen only when asked', async () => {
  const root = await makeRoot('ecdsa-p384');
  const v = viewCertificate(root.der);
  assert.ok(bytesEqual(v.issuer, v.subject));
  assert.equal(v.notAfter.toISOString(), '2036-01-01T00:00:00.000Z');
  assert.equal(v.authorityKeyId, undefined);
  assert.deepEqual(v.basicConstraints, { critical: true, value: { ca: true } });
  assert.deepEqual([...v.keyUsage!.value].sort(), ['cRLSign', 'keyCertSign']);
  const signer = generateEphemeralSigner('ecdsa-p384');
  const t = PROFILES['root-ca'].build({ subject: { commonName: 'R', organization: 'O' }, subjectPublicKey: await signer.publicKeySpki(), notBefore: T0, pathLen: 1, authorityKeyId: true });
  const w = viewCertificate((await buildCertificate(t, signer)).der);
  assert.ok(bytesEqual(w.authorityKeyId!.value!, w.subjectKeyId!));
  assert.equal(w.basicConstraints!.value.pathLen, 1);
});

test('intermediates: pathlen:0, AKI = issuer SKI, 3 (Fulcio) or 5 (TSA) years, one EKU', async () => {
  const root = await makeRoot();
  const rootSki = viewCertificate(root.der).subjectKeyId!;
  for (const [kind, eku, years] of [['fulcio-intermediate', OID.codeSigning, 2029], ['tsa-intermediate', OID.timeStamping, 2031]] as const) {
    const v = viewCertificate((await makeIntermediate(root, kind)).der);
    assert.deepEqual(v.basicConstraints, { critical: true, value: { ca: true, pathLen: 0 } });
    assert.ok(bytesEqual(v.authorityKeyId!.value!, rootSki));
    assert.deepEqual(v.extKeyUsage, { critical: false, value: [eku] });
    assert.equal(v.notAfter.getUTCFullYear(), years);
  }
});

test('profiles refuse keys and subjects they do not allow', async () => {
  const ed = await generateEphemeralSigner('ed25519').publicKeySpki();
  assert.throws(() => PROFILES['root-ca'].build({ subject: { commonName: 'R', organization: 'O' }, subjectPublicKey: ed, notBefore: T0 }), violation);
  const p384 = await generateEphemeralSigner('ecdsa-p384').publicKeySpki();
  assert.throws(() => PROFILES['root-ca'].build({ subject: { commonName: 'R' }, subjectPublicKey: p384, notBefore: T0 }), violation);
  const root = await makeRoot();
  assert.throws(() => PROFILES['tsa-intermediate'].build({ subject: { organization: 'O' }, subjectPublicKey: p384, issuer: root.der, notBefore: T0 }), violation);
});

test('an issuer without a Subject Key Identifier cannot issue (no AKI could be made)', async () => {
  const signer = generateEphemeralSigner('ecdsa-p384');
  const t = PROFILES['root-ca'].build({ subject: { commonName: 'R', organization: 'O' }, subjectPublicKey: await signer.publicKeySpki(), notBefore: T0 });
  const noSki = (await buildCertificate(withExtension(t, OID.subjectKeyIdentifier), signer)).der;
  const key = await generateEphemeralSigner('ecdsa-p384').publicKeySpki();
  assert.throws(() => PROFILES['fulcio-intermediate'].build({ subject: { commonName: 'I', organization: 'O' }, subjectPublicKey: key, issuer: noSki, notBefore: T0 }), violation);
});

// Fulcio leaf (local CA): a good one lints clean; each broken one is rejected by the rule named.
const leafCases: { name: string; rule: string; edit: (t: CertificateTemplate) => CertificateTemplate }[] = [
  { name: 'two SAN values', rule: 'san-exactly-one', edit: (t) => withExtension(t, OID.subjectAltName, subjectAltNameExt([{ email: 'a@x.dev' }, { uri: 'https://x.dev' }], true)) },
  { name: 'a non-critical SAN', rule: 'san-critical', edit: (t) => withExtension(t, OID.subjectAltName, subjectAltNameExt([{ email: 'a@x.dev' }], false)) },
  { name: 'a non-empty subject', rule: 'subject-empty', edit: (t) => ({ ...t, subject: encodeName({ commonName: 'someone' }) }) },
  { name: 'no OIDC issuer extension', rule: 'oidc-issuer', edit: (t) => withExtension(t, OID.fulcioIssuerV2) },
  { name: 'no SKI', rule: 'ski-present', edit: (t) => withExtension(t, OID.subjectKeyIdentifier) },
  { name: 'a lifetime beyond the intermediate', rule: 'validity-within-issuer', edit: (t) => ({ ...t, notAfter: new Date('2035-01-01T00:00:00Z') }) },
];

test('fulcio-leaf: the built certificate lints clean', async () => {
  const root = await makeRoot();
  const inter = await makeIntermediate(root, 'fulcio-intermediate');
  const t = PROFILES['fulcio-leaf'].build({ san: { uri: 'https://github.com/x/y/.github/workflows/r.yml@refs/heads/main' }, oidcIssuer: 'https://token.actions.githubusercontent.com', subjectPublicKey: await generateEphemeralSigner('ed25519').publicKeySpki(), issuer: inter.der, notBefore: T0 });
  const der = (await buildCertificate(t, inter.signer)).der;
  assert.deepEqual(lintCertificate(der, { profile: PROFILES['fulcio-leaf'], issuer: inter.der, issuing: true }), []);
  assert.equal(viewCertificate(der).notAfter.getTime() - T0.getTime(), 10 * 60_000);
});

for (const c of leafCases) {
  test(`fulcio-leaf: rejects ${c.name} (${c.rule})`, async () => {
    const root = await makeRoot();
    const inter = await makeIntermediate(root, 'fulcio-intermediate');
    const t = PROFILES['fulcio-leaf'].build({ san: { email: 'a@x.dev' }, oidcIssuer: 'https://issuer.example', subjectPublicKey: await generateEphemeralSigner('ecdsa-p256').publicKeySpki(), issuer: inter.der, notBefore: T0 });
    const der = (await buildCertificate(c.edit(t), inter.signer)).der;
    const errors = lintErrors(lintCertificate(der, { profile: PROFILES['fulcio-leaf'], issuer: inter.der }));
    assert.ok(errors.some((f) => f.rule === c.rule), JSON.stringify(errors.map((f) => f.rule)));
  });
}
