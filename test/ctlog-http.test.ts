// The embedded CT log's RFC 6962 HTTP API as a monitor or auditor uses it, behind `rootsmith serve --ca`: signed
// tree heads, entries, audit and consistency proofs that check against them, add-pre-chain over HTTP with an
// SCT that verifies, and 4xx answers for requests it cannot serve.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign as cryptoSign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fromBase64, fromPem, parsePemBlocks, sha256, toBase64 } from '../core/bytes';
import { preCertOf, treeHeadSignatureInput, verifySct } from '../core/ca';
import { verifySignature } from '../core/keys';
import { leafHash, verifyConsistency, verifyInclusion } from '../core/tlog';
import { runCli } from './support/cli';
import { startServe, type Served } from './support/serve';
import { makeTempDir } from './support/temp-dir';

const tmp = makeTempDir('rs-ctlog-http-');
let served: Served | undefined;
after(async () => {
  await served?.stop();
  tmp.cleanup();
});

async function get<T>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as T };
}

interface Sth {
  tree_size: number;
  timestamp: number;
  sha256_root_hash: string;
  tree_head_signature: string;
}

/** TLS u24-length-prefixed vector at `at`. */
function u24(buf: Uint8Array, at: number): [Uint8Array, number] {
  const n = (buf[at]! << 16) | (buf[at + 1]! << 8) | buf[at + 2]!;
  return [buf.subarray(at + 3, at + 3 + n), at + 3 + n];
}

function sthVerifies(sth: Sth, spki: Uint8Array): boolean {
  const ds = fromBase64(sth.tree_head_signature);
  assert.deepEqual([ds[0], ds[1]], [4, 3], 'SHA-256 / ECDSA');
  return verifySignature(spki, treeHeadSignatureInput(sth.timestamp, sth.tree_size, fromBase64(sth.sha256_root_hash)), ds.subarray(4), 'sha256');
}

async function issue(ca: string, token: string, email: string): Promise<void> {
  const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const res = await fetch(`${ca}/api/v2/signingCert`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      credentials: { oidcIdentityToken: token },
      publicKeyRequest: { publicKey: { algorithm: 'ECDSA', content: key.publicKey.export({ type: 'spki', format: 'pem' }).toString() }, proofOfPossession: cryptoSign('sha256', Buffer.from(email), key.privateKey).toString('base64') },
    }),
  });
  assert.equal(res.status, 201, await res.clone().text());
}

test('RFC 6962 API: heads, entries, proofs and add-pre-chain verify; bad requests get 4xx', async () => {
  served = await startServe(['--ca', '--oidc', '--data', tmp.dir]);
  const { ca, oidc, ctlog } = served.urls as { ca: string; oidc: string; ctlog: string };
  const spki = fromPem(fs.readFileSync(path.join(tmp.dir, 'ctlog', 'ctlog-public-key.pem'), 'utf8'), 'PUBLIC KEY');
  const token = (runCli(['oidc', 'token', '--url', oidc, '--email', 'ct@example.com', '--json']).json() as { token: string }).token;
  const v1 = `${ctlog}/ct/v1`;

  const empty = await get<Sth>(`${v1}/get-sth`);
  assert.equal(empty.body.tree_size, 0);
  assert.ok(sthVerifies(empty.body, spki));
  await issue(ca, token, 'ct@example.com');
  const sth1 = (await get<Sth>(`${v1}/get-sth`)).body;
  await issue(ca, token, 'ct@example.com');
  const sth2 = (await get<Sth>(`${v1}/get-sth`)).body;
  assert.deepEqual([sth1.tree_size, sth2.tree_size], [1, 2]);
  assert.ok(sthVerifies(sth2, spki));

  const entries = (await get<{ entries: { leaf_input: string; extra_data: string }[] }>(`${v1}/get-entries?start=0&end=5`)).body.entries;
  assert.equal(entries.length, 2);
  for (const [i, e] of entries.entries()) {
    const lh = leafHash(fromBase64(e.leaf_input));
    const proof = (await get<{ leaf_index: number; audit_path: string[] }>(`${v1}/get-proof-by-hash?hash=${encodeURIComponent(toBase64(lh))}&tree_size=2`)).body;
    assert.equal(proof.leaf_index, i);
    verifyInclusion(lh, i, 2, proof.audit_path.map(fromBase64), fromBase64(sth2.sha256_root_hash));
  }
  const consistency = (await get<{ consistency: string[] }>(`${v1}/get-sth-consistency?first=1&second=2`)).body.consistency;
  verifyConsistency(1, 2, consistency.map(fromBase64), fromBase64(sth1.sha256_root_hash), fromBase64(sth2.sha256_root_hash));

  // Resubmit entry 0's precertificate with the CA chain over HTTP: a new SCT that verifies, a new entry.
  const [precert] = u24(fromBase64(entries[0]!.extra_data), 0);
  const bundle = (await get<{ chains: { certificates: string[] }[] }>(`${ca}/api/v2/trustBundle`)).body;
  const chain = bundle.chains[0]!.certificates.map((p) => parsePemBlocks(p)[0]!.der);
  const added = await fetch(`${v1}/add-pre-chain`, { method: 'POST', body: JSON.stringify({ chain: [precert, ...chain].map(toBase64) }) });
  assert.equal(added.status, 200);
  const sct = (await added.json()) as { sct_version: number; id: string; timestamp: number; extensions: string; signature: string };
  assert.equal(sct.sct_version, 0);
  assert.deepEqual(fromBase64(sct.id), sha256(spki));
  const signature = fromBase64(sct.signature).subarray(4);
  assert.ok(verifySct({ logId: fromBase64(sct.id), timestamp: sct.timestamp, signature }, spki, preCertOf(precert, chain[0]!)));
  assert.equal((await get<Sth>(`${v1}/get-sth`)).body.tree_size, 3);
  const roots = (await get<{ certificates: string[] }>(`${v1}/get-roots`)).body.certificates;
  assert.deepEqual(roots, [toBase64(chain[1]!)]);

  const bad: [string, RequestInit | undefined, number][] = [
    [`${v1}/add-chain`, { method: 'POST', body: '{}' }, 400],
    [`${v1}/add-pre-chain`, { method: 'POST', body: 'not json' }, 400],
    [`${v1}/add-pre-chain`, { method: 'POST', body: JSON.stringify({ chain: chain.map(toBase64) }) }, 400],
    [`${v1}/get-entries?start=99&end=100`, undefined, 404],
    [`${v1}/get-entries?start=x&end=1`, undefined, 400],
    [`${v1}/get-sth-consistency?first=2&second=9`, undefined, 404],
    [`${v1}/get-proof-by-hash?hash=AAAA&tree_size=1`, undefined, 400],
    [`${v1}/get-proof-by-hash?hash=${encodeURIComponent(toBase64(new Uint8Array(32)))}&tree_size=3`, undefined, 404],
    [`${v1}/nope`, undefined, 404],
  ];
  for (const [url, init, status] of bad) {
    const res = await fetch(url, init);
    const body = (await res.json()) as { code?: string; message?: string };
    assert.equal(res.status, status, `${url}: ${JSON.stringify(body)}`);
    assert.ok(body.code && body.message, url);
  }
  assert.equal((await get<Sth>(`${v1}/get-sth`)).body.tree_size, 3, 'still serving, nothing added by bad requests');
});
