// Fuzz: 10,000 mutated and random requests into respond(). It never throws, and every answer is a DER
// TimeStampResp: granted (with a token for exactly the imprint asked) or a rejection with a failure bit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AsnConvert } from '@peculiar/asn1-schema';
import { PKIStatus, TimeStampResp } from '@peculiar/asn1-tsp';
import { makeTestTsa } from './test-chain';
import { decodeTimestamp } from './decode';
import { parseTimestampRequest } from './request';
import { toHex } from '../bytes';

/** xorshift32: deterministic, so a failure can be replayed from its iteration number. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

function mutate(base: Uint8Array, next: () => number): Uint8Array {
  const bytes = Array.from(base);
  const rounds = 1 + (next() % 4);
  for (let r = 0; r < rounds; r++) {
    const at = bytes.length ? next() % bytes.length : 0;
    switch (next() % 6) {
      case 0: // bit flip
        if (bytes.length) bytes[at] = bytes[at]! ^ (1 << (next() % 8));
        break;
      case 1: // truncation
        bytes.length = at;
        break;
      case 2: // insertion
        bytes.splice(at, 0, ...Array.from({ length: 1 + (next() % 4) }, () => next() & 0xff));
        break;
      case 3: // deletion
        bytes.splice(at, 1 + (next() % 3));
        break;
      case 4: // length byte set to something odd
        if (bytes.length) bytes[at] = [0x00, 0x7f, 0x80, 0x81, 0x84, 0xff][next() % 6]!;
        break;
      default: // byte replaced
        if (bytes.length) bytes[at] = next() & 0xff;
    }
  }
  return new Uint8Array(bytes);
}

test('10,000 mutated and random requests: never a throw, always a TimeStampResp', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const { tsa } = await makeTestTsa(dir);
  fs.writeFileSync(path.join(dir, 'data'), 'fuzz');
  const seeds: Uint8Array[] = [];
  for (const args of [['-sha256', '-cert'], ['-sha384', '-no_nonce'], ['-sha512', '-tspolicy', '1.2.3.4']]) {
    const out = path.join(dir, 'q.tsq');
    execFileSync('openssl', ['ts', '-query', '-data', path.join(dir, 'data'), ...args, '-out', out], { stdio: 'pipe' });
    seeds.push(new Uint8Array(fs.readFileSync(out)));
  }
  const next = rng(0x5eed);
  const counts = { granted: 0, rejected: 0 };
  for (let i = 0; i < 10_000; i++) {
    const input =
      i % 10 === 9
        ? Uint8Array.from({ length: next() % 200 }, () => next() & 0xff) // pure noise
        : mutate(seeds[i % seeds.length]!, next);
    let answer;
    try {
      answer = await tsa.respond(input);
    } catch (e) {
      assert.fail(`iteration ${i}: respond threw ${String(e)} for ${toHex(input)}`);
    }
    const resp = AsnConvert.parse(answer.der, TimeStampResp);
    if (answer.granted) {
      counts.granted++;
      assert.equal(resp.status.status, PKIStatus.granted);
      // A grant only for a request that is valid, and the token is for exactly the imprint asked.
      const req = parseTimestampRequest(input, { acceptedPolicies: [tsa.policyOid] });
      assert.ok(req.ok, `iteration ${i}: granted an invalid request`);
      assert.equal(decodeTimestamp(answer.der).token?.imprint.hashHex, toHex(req.request.hashedMessage));
    } else {
      counts.rejected++;
      assert.equal(resp.status.status, PKIStatus.rejection, `iteration ${i}`);
      assert.equal(resp.timeStampToken, undefined);
      assert.equal(decodeTimestamp(answer.der).failures.length, 1, `iteration ${i}`);
      assert.equal(answer.error, undefined, `iteration ${i}: internal failure ${String(answer.error)}`);
    }
  }
  t.diagnostic(`granted ${counts.granted}, rejected ${counts.rejected}`);
  assert.equal(counts.granted + counts.rejected, 10_000);
  assert.ok(counts.granted > 0 && counts.rejected > 0, JSON.stringify(counts));
  assert.equal(tsa.issuedCount, counts.granted);
});
