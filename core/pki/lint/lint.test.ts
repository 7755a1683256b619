// The linter, table-driven: each bad certificate is rejected by the rule named; Sigstore's public Fulcio and
// TSA certificates are accepted (RFC 5280 + profile MUSTs), with our stricter policy only as warnings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generateKeyPairSync, sign as cryptoSign } from 'node:crypto';
import { fromBase64 } from '../../bytes';
import { generateEphemeralSigner } from '../../keys/software-signer';
import { SoftwareSigner } from '../../keys/software-signer';
import { basicConstraintsExt, extKeyUsageExt, keyUsageExt, authorityKeyIdExt } from '../extensions';
import { encodeName } from '../name';
import { OID } from '../oids';
import { PROFILES, type ProfileId } from '../profiles';
import { makeIntermediate, makeRoot, T0, withExtension, type TestCa } from '../testing';
import { assembleCertificate, buildCertificate, encodeTbs, type CertificateTemplate } from '../x509';
import { lintCertificate, lintErrors } from './lint';
import { fixturesDir } from '../../testing/fixtures';

interface Ctx {
  root: TestCa;
  fulcio: TestCa;
  tsaInter: TestCa;
  spki: Uint8Array;
}

let ctxPromise: Promise<Ctx> | undefined;
function ctx(): Promise<Ctx> {
  ctxPromise ??= (async () => {
    const root = await makeRoot('ecdsa-p384');
    return {
      root,
      fulcio: await makeIntermediate(root, 'fulcio-intermediate'),
      tsaInter: await makeIntermediate(root, 'tsa-intermediate'),
      spki: await generateEphemeralSigner('ecdsa-p384').publicKeySpki(),
    };
  })();
  return ctxPromise;
}

const caSubject = { commonName: 'Bad CA', organization: 'Rootsmith Test' };

function interTemplate(c: Ctx): CertificateTemplate {
  return PROFILES['fulcio-intermediate'].build({ subject: caSubject, subjectPublicKey: c.spki, issuer: c.root.der, notBefore: T0 });
}
function tsaLeafTemplate(c: Ctx): CertificateTemplate {
  return PROFILES['tsa-leaf'].build({ subject: { commonName: 'Bad TSA', organization: 'Rootsmith Test' }, subjectPublicKey: c.spki, issuer: c.tsaInter.der, notBefore: T0 });
}
async function rootTemplate(alg: 'ecdsa-p384' | 'ecdsa-p256' = 'ecdsa-p384') {
  const signer = generateEphemeralSigner(alg);
  const t = PROFILES['root-ca'].build({ subject: caSubject, subjectPublicKey: await signer.publicKeySpki(), notBefore: T0 });
  return { signer, t };
}

interface Case {
  name: string;
  profile: ProfileId;
  rule: string;
  /** Builds the bad certificate and says which issuer certificate to lint it against (none for a root). */
  make(c: Ctx): Promise<{ der: Uint8Array; issuer?: Uint8Array }>;
}

const signedByRoot = async (c: Ctx, t: CertificateTemplate) => ({ der: (await buildCertificate(t, c.root.signer)).der, issuer: c.root.der });
const signedByTsa = async (c: Ctx, t: CertificateTemplate) => ({ der: (await buildCertificate(t, c.tsaInter.signer)).der, issuer: c.tsaInter.der });

const REJECTS: Case[] = [
  {
    name: 'a CA without basicConstraints',
    profile: 'fulcio-intermediate',
    rule: 'basic-constraints-present',
    make: (c) => signedByRoot(c, withExtension(interTemplate(c), OID.basicConstraints)),
  },
  {
    name: 'a CA whose basicConstraints is not critical',
    profile: 'fulcio-intermediate',
    rule: 'basic-constraints-critical',
    make: (c) => signedByRoot(c, withExtension(interTemplate(c), OID.basicConstraints, basicConstraintsExt(true, 0, false))),
  },
  {
    name: 'a TSA certificate whose timeStamping EKU is not critical',
    profile: 'tsa-leaf',
    rule: 'tsa-eku-critical',
    make: (c) => signedByTsa(c, withExtension(tsaLeafTemplate(c), OID.extKeyUsage, extKeyUsageExt([OID.timeStamping], false))),
  },
  {
    name: 'a TSA certificate without the timeStamping EKU',
    profile: 'tsa-leaf',
    rule: 'eku-required',
    make: (c) => signedByTsa(c, withExtension(tsaLeafTemplate(c), OID.extKeyUsage)),
  },
  {
    name: 'a TSA certificate with a second EKU next to timeStamping',
    profile: 'tsa-leaf',
    rule: 'tsa-eku-only',
    make: (c) => signedByTsa(c, withExtension(tsaLeafTemplate(c), OID.extKeyUsage, extKeyUsageExt([OID.timeStamping, OID.codeSigning], true))),
  },
  {
    name: 'a CA without keyCertSign',
    profile: 'fulcio-intermediate',
    rule: 'ca-key-cert-sign',
    make: (c) => signedByRoot(c, withExtension(interTemplate(c), OID.keyUsage, keyUsageExt(['cRLSign']))),
  },
  {
    name: 'keyCertSign on a certificate that is not a CA',
    profile: 'tsa-leaf',
    rule: 'key-cert-sign-requires-ca',
    make: (c) => signedByTsa(c, withExtension(tsaLeafTemplate(c), OID.keyUsage, keyUsageExt(['digitalSignature', 'keyCertSign']))),
  },
  {
    name: "a validity beyond the issuer's",
    profile: 'fulcio-intermediate',
    rule: 'validity-within-issuer',
    make: (c) => signedByRoot(c, { ...interTemplate(c), notAfter: new Date('2040-01-01T00:00:00Z') }),
  },
  {
    name: 'a short (4-octet) serial',
    profile: 'fulcio-intermediate',
    rule: 'serial-entropy',
    make: (c) => signedByRoot(c, { ...interTemplate(c), serialNumber: new Uint8Array([0x12, 0x34, 0x56, 0x78]) }),
  },
  {
    name: 'a negative serial',
    profile: 'fulcio-intermediate',
    rule: 'serial-positive',
    make: (c) => signedByRoot(c, { ...interTemplate(c), serialNumber: new Uint8Array(20).fill(0x90) }),
  },
  {
    name: 'a 21-octet serial',
    profile: 'fulcio-intermediate',
    rule: 'serial-max-20-octets',
    make: (c) => signedByRoot(c, { ...interTemplate(c), serialNumber: new Uint8Array(21).fill(0x11) }),
  },
  {
    name: 'an EKU on a root',
    profile: 'root-ca',
    rule: 'eku-forbidden',
    make: async () => {
      const { signer, t } = await rootTemplate();
      return { der: (await buildCertificate({ ...t, extensions: [...t.extensions, extKeyUsageExt([OID.codeSigning], false)] }, signer)).der };
    },
  },
  {
    name: "an intermediate whose AKI is not the root's SKI",
    profile: 'fulcio-intermediate',
    rule: 'aki-matches-issuer-ski',
    make: (c) => signedByRoot(c, withExtension(interTemplate(c), OID.authorityKeyIdentifier, authorityKeyIdExt(new Uint8Array(20).fill(7)))),
  },
  {
    name: 'a wrong signature algorithm for the key (ecdsa-with-SHA256 from a P-384 root)',
    profile: 'root-ca',
    rule: 'signature-algorithm-for-key',
    make: async () => {
      // Built by hand with a node:crypto key so the signature itself is valid and only the algorithm is wrong.
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
      const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
      const t = PROFILES['root-ca'].build({ subject: caSubject, subjectPublicKey: spki, notBefore: T0 });
      const tbs = encodeTbs(t, OID.ecdsaWithSha256);
      const sig = new Uint8Array(cryptoSign('sha256', tbs, { key: privateKey, dsaEncoding: 'der' }));
      return { der: assembleCertificate(tbs, OID.ecdsaWithSha256, sig) };
    },
  },
  {
    name: 'an issuer name that is not the issuer subject',
    profile: 'fulcio-intermediate',
    rule: 'issuer-name',
    make: (c) => signedByRoot(c, { ...interTemplate(c), issuer: encodeName({ commonName: 'Someone Else', organization: 'Rootsmith Test' }) }),
  },
  {
    name: 'a root that is not self-signed (an intermediate linted as a root)',
    profile: 'root-ca',
    rule: 'root-self-signed',
    make: async (c) => ({ der: c.fulcio.der }),
  },
  {
    name: 'a duplicated extension',
    profile: 'fulcio-intermediate',
    rule: 'extension-duplicate',
    make: async (c) => {
      const t = interTemplate(c);
      return signedByRoot(c, { ...t, extensions: [...t.extensions, keyUsageExt(['keyCertSign', 'cRLSign'])] });
    },
  },
  {
    name: 'an unknown critical extension',
    profile: 'fulcio-intermediate',
    rule: 'extension-critical-unknown',
    make: async (c) => {
      const t = interTemplate(c);
      return signedByRoot(c, { ...t, extensions: [...t.extensions, { oid: '1.3.6.1.4.1.99999.1', critical: true, value: new Uint8Array([5, 0]) }] });
    },
  },
  {
    name: 'a root without organization in its subject',
    profile: 'root-ca',
    rule: 'subject-cn-and-o',
    make: async () => {
      const { signer, t } = await rootTemplate();
      const name = encodeName({ commonName: 'only cn' });
      return { der: (await buildCertificate({ ...t, issuer: name, subject: name }, signer)).der };
    },
  },
  {
    name: 'an RSA-1024 key in a Fulcio leaf',
    profile: 'fulcio-leaf',
    rule: 'rsa-key-size',
    make: async (c) => {
      const rsa = new Uint8Array(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' }));
      const t = PROFILES['fulcio-leaf'].build({ san: { email: 'a@example.com' }, oidcIssuer: 'https://issuer.example', subjectPublicKey: rsa, issuer: c.fulcio.der, notBefore: T0 });
      return { der: (await buildCertificate(t, c.fulcio.signer)).der, issuer: c.fulcio.der };
    },
  },
  {
    name: 'a certificate signed by a key other than the issuer',
    profile: 'fulcio-intermediate',
    rule: 'signature-valid',
    make: async (c) => ({ der: (await buildCertificate(interTemplate(c), generateEphemeralSigner('ecdsa-p384'))).der, issuer: c.root.der }),
  },
];

test('the good certificates the table starts from lint without errors', async () => {
  const c = await ctx();
  assert.deepEqual(lintErrors(lintCertificate(c.root.der, { profile: PROFILES['root-ca'], issuing: true })), []);
  const inter = await signedByRoot(c, interTemplate(c));
  assert.deepEqual(lintCertificate(inter.der, { profile: PROFILES['fulcio-intermediate'], issuer: inter.issuer, issuing: true }), []);
  const tsa = await signedByTsa(c, tsaLeafTemplate(c));
  assert.deepEqual(lintCertificate(tsa.der, { profile: PROFILES['tsa-leaf'], issuer: tsa.issuer, issuing: true }), []);
});

for (const k of REJECTS) {
  test(`rejects ${k.name} (${k.rule})`, async () => {
    const c = await ctx();
    const { der, issuer } = await k.make(c);
    const findings = lintCertificate(der, { profile: PROFILES[k.profile], ...(issuer ? { issuer } : {}) });
    const hit = findings.find((f) => f.rule === k.rule);
    assert.ok(hit, `expected ${k.rule}, got ${JSON.stringify(findings.map((f) => f.rule))}`);
    assert.equal(hit.severity, 'error');
    assert.ok(hit.field.length > 0 && hit.message.length > 0 && hit.source.length > 0);
  });
}

test('warnings, not errors: a P-256 root and an intermediate without pathlen:0 (spec SHOULDs)', async () => {
  const { signer, t } = await rootTemplate('ecdsa-p256');
  const der = (await buildCertificate(t, signer)).der;
  const f = lintCertificate(der, { profile: PROFILES['root-ca'], issuing: true });
  assert.deepEqual(f.map((x) => [x.rule, x.severity]), [['subject-key-preferred', 'warning']]);
  const c = await ctx();
  const inter = await signedByRoot(c, withExtension(interTemplate(c), OID.basicConstraints, basicConstraintsExt(true, undefined)));
  const g = lintCertificate(inter.der, { profile: PROFILES['fulcio-intermediate'], issuer: inter.issuer, issuing: true });
  assert.deepEqual(g.map((x) => [x.rule, x.severity]), [['path-len-preferred', 'warning']]);
});

// Sigstore's public trust root, as shipped in the root-signing TUF repository.
const trusted = JSON.parse(readFileSync(fixturesDir('root-signing', 'targets', 'trusted_root.json'), 'utf8')) as {
  certificateAuthorities: { certChain: { certificates: { rawBytes: string }[] } }[];
  timestampAuthorities: { certChain: { certificates: { rawBytes: string }[] } }[];
};
const chainOf = (ca: { certChain: { certificates: { rawBytes: string }[] } }) => ca.certChain.certificates.map((c) => fromBase64(c.rawBytes));

const ACCEPTS: { name: string; profile: ProfileId; cert: () => Uint8Array; issuer?: () => Uint8Array }[] = [
  { name: 'the 2021 Fulcio root', profile: 'root-ca', cert: () => chainOf(trusted.certificateAuthorities[0]!)[0]! },
  { name: 'the current Fulcio root', profile: 'root-ca', cert: () => chainOf(trusted.certificateAuthorities[1]!)[1]! },
  { name: 'the current Fulcio intermediate', profile: 'fulcio-intermediate', cert: () => chainOf(trusted.certificateAuthorities[1]!)[0]!, issuer: () => chainOf(trusted.certificateAuthorities[1]!)[1]! },
  { name: 'the TSA root', profile: 'root-ca', cert: () => chainOf(trusted.timestampAuthorities[0]!)[1]! },
  { name: 'the TSA signing certificate', profile: 'tsa-leaf', cert: () => chainOf(trusted.timestampAuthorities[0]!)[0]!, issuer: () => chainOf(trusted.timestampAuthorities[0]!)[1]! },
];

for (const a of ACCEPTS) {
  test(`accepts Sigstore's public ${a.name} as ${a.profile}`, () => {
    const findings = lintCertificate(a.cert(), { profile: PROFILES[a.profile], ...(a.issuer ? { issuer: a.issuer() } : {}) });
    assert.deepEqual(lintErrors(findings), []);
    // The only difference from our own issuance policy: 19-octet serials (a 160-bit random value whose top octet is 0).
    for (const f of findings) assert.equal(f.rule, 'serial-160-bit');
  });
}

test("our policy is an error when we issue: the public intermediate's 19-octet serial fails in issuing mode", () => {
  const [inter, root] = chainOf(trusted.certificateAuthorities[1]!);
  const errors = lintErrors(lintCertificate(inter!, { profile: PROFILES['fulcio-intermediate'], issuer: root!, issuing: true }));
  assert.deepEqual(errors.map((f) => f.rule), ['serial-160-bit']);
});

test('an expired certificate is an error at a time after notAfter', () => {
  const root = chainOf(trusted.certificateAuthorities[0]!)[0]!;
  const f = lintCertificate(root, { profile: PROFILES['root-ca'], at: new Date('2032-01-01T00:00:00Z') });
  assert.ok(f.some((x) => x.rule === 'validity-expired' && x.severity === 'error'));
});

test('an issuer given only as a SubjectPublicKeyInfo still checks the signature and algorithm', async () => {
  const c = await ctx();
  const rootSpki = await c.root.signer.publicKeySpki();
  const good = await signedByRoot(c, interTemplate(c));
  assert.deepEqual(lintErrors(lintCertificate(good.der, { profile: PROFILES['fulcio-intermediate'], issuer: rootSpki })), []);
  const other = SoftwareSigner.fromKeyObject(generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey, 'other');
  const f = lintCertificate(good.der, { profile: PROFILES['fulcio-intermediate'], issuer: await other.publicKeySpki() });
  assert.ok(f.some((x) => x.rule === 'signature-valid'));
});
