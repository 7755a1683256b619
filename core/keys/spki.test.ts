// SPKI helpers against keys made by the openssl CLI: algorithm detection, PEM, fingerprints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromPem } from '../bytes';
import { algorithmOfSpki, fingerprint, spkiToPem } from './spki';
import { FINGERPRINT_WORDS } from './wordlist';
import { KeyError } from './errors';

test('the word list has 256 distinct words', () => {
  assert.equal(FINGERPRINT_WORDS.length, 256);
  assert.equal(new Set(FINGERPRINT_WORDS).size, 256);
});

test('algorithm, PEM and fingerprint of openssl-made public keys', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const cases: [string[], string][] = [
    [['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'], 'ecdsa-p256'],
    [['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'], 'ecdsa-p384'],
    [['-algorithm', 'ED25519'], 'ed25519'],
  ];
  for (const [args, alg] of cases) {
    const key = join(dir, `${alg}.pem`);
    execFileSync('openssl', ['genpkey', ...args, '-out', key], { stdio: 'pipe' });
    const pubPem = execFileSync('openssl', ['pkey', '-in', key, '-pubout'], { encoding: 'utf8' });
    const spki = fromPem(pubPem, 'PUBLIC KEY');
    assert.equal(algorithmOfSpki(spki), alg);
    assert.equal(spkiToPem(spki), pubPem);
    // sha256Hex is the SHA-256 of the DER SPKI, as openssl computes it.
    const der = join(dir, `${alg}.der`);
    writeFileSync(der, spki);
    const ossl = execFileSync('openssl', ['dgst', '-sha256', '-r', der], { encoding: 'utf8' }).split(' ')[0];
    const fp = fingerprint(spki);
    assert.equal(fp.sha256Hex, ossl);
    const words = fp.words.split(' ');
    assert.equal(words.length, 8);
    words.forEach((w, i) => assert.equal(w, FINGERPRINT_WORDS[parseInt(fp.sha256Hex.slice(i * 2, i * 2 + 2), 16)]));
    assert.ok(readFileSync(key).length > 0);
  }
  // RSA and P-521 are refused.
  for (const args of [['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024'], ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-521']]) {
    const key = join(dir, 'other.pem');
    execFileSync('openssl', ['genpkey', ...args, '-out', key], { stdio: 'pipe' });
    const spki = fromPem(execFileSync('openssl', ['pkey', '-in', key, '-pubout'], { encoding: 'utf8' }), 'PUBLIC KEY');
    assert.throws(() => algorithmOfSpki(spki), (e: unknown) => e instanceof KeyError && e.code === 'KEY_UNSUPPORTED');
  }
  assert.throws(() => algorithmOfSpki(new Uint8Array([1, 2, 3])), (e: unknown) => e instanceof KeyError && e.code === 'KEY_UNSUPPORTED');
});
