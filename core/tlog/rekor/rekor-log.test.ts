// The Rekor log over a real tiled log: concurrent submissions of the same body log it once (the others get
// ENTRY_EXISTS naming it), answers verify with the log key, and entries are found by either UUID form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../clock';
import { generateEphemeralSigner } from '../../keys/software-signer';
import { verifyEntry } from '../verify-entry';
import { RekorEntryError } from './errors';
import { acceptProposedEntry } from './proposed';
import { RekorLog } from './rekor-log';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem64 = Buffer.from(publicKey.export({ type: 'spki', format: 'pem' }) as string).toString('base64');
const entry = (a: string) =>
  acceptProposedEntry({
    apiVersion: '0.0.1',
    kind: 'hashedrekord',
    spec: {
      data: { hash: { algorithm: 'sha256', value: createHash('sha256').update(a).digest('hex') } },
      signature: { content: sign('sha256', Buffer.from(a), privateKey).toString('base64'), publicKey: { content: pem64 } },
    },
  });

test('concurrent duplicates are logged once; entries verify and are found by either UUID form', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const log = await RekorLog.open({
    tilesDir: join(dir, 'tiles'),
    indexFile: join(dir, 'entries.idx'),
    signer: generateEphemeralSigner('ecdsa-p256'),
    treeId: '1193050959916656506',
    hostname: '127.0.0.1',
    clock: fixedClock(new Date('2026-03-01T00:00:00Z')),
    fsync: false,
  });
  await log.add(entry('first'));
  const same = entry('dup');
  const results = await Promise.allSettled(Array.from({ length: 5 }, () => log.add(same)));
  const ok = results.filter((r) => r.status === 'fulfilled');
  const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  assert.equal(ok.length, 1);
  assert.equal(refused.length, 4);
  for (const r of refused) assert.ok(r.reason instanceof RekorEntryError && r.reason.code === 'ENTRY_EXISTS');
  assert.equal(log.size, 2);

  const got = (ok[0] as PromiseFulfilledResult<Awaited<ReturnType<RekorLog['add']>>>).value;
  assert.equal(got.uuid.slice(0, 16), BigInt('1193050959916656506').toString(16).padStart(16, '0'));
  assert.equal(got.entry.integratedTime, Date.parse('2026-03-01T00:00:00Z') / 1000);
  assert.equal(verifyEntry(got.entry, log.spki).ok, true);
  assert.equal((await log.entryByUuid(got.uuid.slice(16))).entry.logIndex, 1);
  assert.equal((await log.entryByUuid(got.uuid.toUpperCase())).entry.logIndex, 1);
  await assert.rejects(log.entryByUuid(`ffffffffffffffff${got.uuid.slice(16)}`), (e: unknown) => e instanceof RekorEntryError && e.code === 'ENTRY_NOT_FOUND');
  assert.deepEqual(await log.search(createHash('sha256').update('dup').digest('hex')), [got.uuid]);
  assert.equal(log.logInfo().treeSize, 2);
  await log.close();
});
