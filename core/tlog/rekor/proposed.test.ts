// Proposed entries: real P-256 signatures are accepted and canonicalized; wrong ones, unknown kinds and
// malformed specs are refused with their codes. Also pins why node:crypto cannot verify over a digest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { entryBody } from './bodies';
import { verifyDigestSignature } from './digest-verify';
import { RekorEntryError } from './errors';
import { acceptProposedEntry, pae } from './proposed';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');
const code = (c: string) => (e: unknown) => e instanceof RekorEntryError && e.code === c;

function hashedrekord(artifact: string, key: KeyObject = privateKey, pub = pem) {
  const sig = sign(key.asymmetricKeyType === 'ed25519' ? null : 'sha256', Buffer.from(artifact), key);
  return {
    apiVersion: '0.0.1',
    kind: 'hashedrekord',
    spec: {
      data: { hash: { algorithm: 'sha256', value: createHash('sha256').update(artifact).digest('hex') } },
      signature: { content: sig.toString('base64'), publicKey: { content: b64(pub) } },
    },
  };
}

test('node:crypto verify(null) on an EC key hashes again, so a digest needs the prehash verifier', () => {
  const digest = createHash('sha256').update('x').digest();
  const sig = sign('sha256', Buffer.from('x'), privateKey);
  assert.equal(verify(null, digest, publicKey, sig), false);
  assert.equal(verifyDigestSignature(publicKey, digest, sig), true);
  digest[0] ^= 1;
  assert.equal(verifyDigestSignature(publicKey, digest, sig), false);
});

test('a hashedrekord with a good signature becomes its canonical body', () => {
  const a = acceptProposedEntry(hashedrekord('artifact'));
  const text = new TextDecoder().decode(a.body);
  assert.ok(text.startsWith('{"apiVersion":"0.0.1","kind":"hashedrekord","spec":{"data":{"hash":{"algorithm":"sha256","value":"'));
  assert.ok(entryBody.safeParse(JSON.parse(text)).success);
  assert.deepEqual(a.searchHashes, [`sha256:${createHash('sha256').update('artifact').digest('hex')}`]);
});

test('wrong signature, wrong key type, unknown kind and malformed spec are refused with their codes', () => {
  const bad = hashedrekord('artifact');
  bad.spec.data.hash.value = createHash('sha256').update('other').digest('hex');
  assert.throws(() => acceptProposedEntry(bad), code('SIGNATURE_INVALID'));
  const ed = generateKeyPairSync('ed25519');
  const edEntry = hashedrekord('a', ed.privateKey, ed.publicKey.export({ type: 'spki', format: 'pem' }) as string);
  assert.throws(() => acceptProposedEntry(edEntry), code('KEY_UNSUPPORTED'));
  assert.throws(() => acceptProposedEntry({ ...hashedrekord('a'), kind: 'rekord' }), code('KIND_UNSUPPORTED'));
  assert.throws(() => acceptProposedEntry({ ...hashedrekord('a'), spec: { data: {} } }), code('ENTRY_MALFORMED'));
  assert.throws(() => acceptProposedEntry([]), code('ENTRY_MALFORMED'));
  const notPem = hashedrekord('a');
  notPem.spec.signature.publicKey.content = b64('hello');
  assert.throws(() => acceptProposedEntry(notPem), code('KEY_UNSUPPORTED'));
});

test('a DSSE envelope signed over PAE is accepted with payload and envelope hashes; a bad one is not', () => {
  const payload = Buffer.from('{"_type":"https://in-toto.io/Statement/v1"}');
  const sig = sign('sha256', pae('application/vnd.in-toto+json', payload), privateKey);
  const env = JSON.stringify({ payloadType: 'application/vnd.in-toto+json', payload: payload.toString('base64'), signatures: [{ keyid: '', sig: sig.toString('base64') }] });
  const proposed = { apiVersion: '0.0.1', kind: 'dsse', spec: { proposedContent: { envelope: env, verifiers: [b64(pem)] } } };
  const a = acceptProposedEntry(proposed);
  const body = JSON.parse(new TextDecoder().decode(a.body));
  assert.equal(body.spec.payloadHash.value, createHash('sha256').update(payload).digest('hex'));
  assert.equal(body.spec.envelopeHash.value, createHash('sha256').update(env).digest('hex'));
  assert.equal(body.spec.signatures[0].signature, sig.toString('base64'));
  const tampered = { ...proposed, spec: { proposedContent: { envelope: env.replace('vnd.in-toto+json', 'json'), verifiers: [b64(pem)] } } };
  assert.throws(() => acceptProposedEntry(tampered), code('SIGNATURE_INVALID'));
});
