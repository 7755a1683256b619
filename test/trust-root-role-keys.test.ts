// The checks behind the Trust Root screen's create and delegate forms (renderer/trust-root/role-keys.ts), table
// by table, and the key inputs they build accepted by the tuf contract's own schema (the one the service runs).
// The module is bundled for the browser platform (test/support/renderer-module), which also proves it needs no Node API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { tufSchemas, type TufKeyInput } from '../app/contract/tuf';
import { loadRendererModule } from './support/renderer-module';
import { makeTempDir } from './support/temp-dir';
import { softwareKey } from './support/tuf';

interface RoleKey { publicKeyPem: string; owner: string; from: string; uri?: string }
interface Draft { keys: RoleKey[]; threshold: number; days: number }
interface RoleKeysModule {
  pemProblem(text: string): string | null;
  roleKeysProblems(role: string, d: Draft, checkDays?: boolean): { keys?: string; threshold?: string; days?: string };
  hasProblems(p: object): boolean;
  toKeyInputs(keys: RoleKey[], online: boolean): TufKeyInput[];
}

const m = loadRendererModule<RoleKeysModule>('trust-root/role-keys.ts');
const PEM_A = '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n';
const PEM_B = '-----BEGIN PUBLIC KEY-----\nBBBB\n-----END PUBLIC KEY-----\n';
const key = (pem: string, owner = 'alice', uri?: string): RoleKey => ({ publicKeyPem: pem, owner, from: 'test', ...(uri ? { uri } : {}) });

test('pemProblem: public keys pass; empty text, private keys and other PEM are refused with a reason', () => {
  const cases: [string, RegExp | null][] = [
    [PEM_A, null],
    ['', /Paste or choose a public key/],
    ['   \n', /Paste or choose a public key/],
    ['-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----', /private key/],
    ['-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----', /private key/],
    ['-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----', /Expected a PEM public key/],
    ['-----BEGIN PUBLIC KEY-----\nAAAA', /Expected a PEM public key/],
  ];
  for (const [text, want] of cases) {
    const got = m.pemProblem(text);
    if (want === null) assert.equal(got, null, text);
    else assert.match(got ?? '', want, text);
  }
});

test('roleKeysProblems: keys, threshold and days, each with the message shown beside its field', () => {
  const cases: { d: Draft; checkDays?: boolean; want: { keys?: RegExp; threshold?: RegExp; days?: RegExp } }[] = [
    { d: { keys: [key(PEM_A)], threshold: 1, days: 365 }, want: {} },
    { d: { keys: [key(PEM_A), key(PEM_B, 'bob')], threshold: 2, days: 1 }, want: {} },
    { d: { keys: [], threshold: 1, days: 365 }, want: { keys: /^Add at least one root key\.$/ } },
    { d: { keys: [], threshold: 0, days: 365 }, want: { keys: /^Add at least one root key\.$/, threshold: /at least 1/ } },
    { d: { keys: [key(PEM_A), key(PEM_B)], threshold: 3, days: 365 }, want: { threshold: /^root needs 3 signatures but has only 2 keys\.$/ } },
    { d: { keys: [key(PEM_A)], threshold: 2, days: 365 }, want: { threshold: /has only 1 key\.$/ } },
    { d: { keys: [key(PEM_A)], threshold: 0, days: 365 }, want: { threshold: /at least 1/ } },
    { d: { keys: [key(PEM_A)], threshold: Number.NaN, days: 365 }, want: { threshold: /whole number/ } },
    { d: { keys: [key(PEM_A)], threshold: 1.5, days: 365 }, want: { threshold: /whole number/ } },
    { d: { keys: [key(PEM_A), key(PEM_A.replace(/\n/g, '\r\n'), 'bob')], threshold: 1, days: 365 }, want: { keys: /same key is listed twice/ } },
    { d: { keys: [key(PEM_A)], threshold: 1, days: 0 }, want: { days: /1 to 36500/ } },
    { d: { keys: [key(PEM_A)], threshold: 1, days: 36501 }, want: { days: /1 to 36500/ } },
    { d: { keys: [key(PEM_A)], threshold: 1, days: Number.NaN }, checkDays: false, want: {} },
  ];
  for (const { d, checkDays, want } of cases) {
    const got = m.roleKeysProblems('root', d, checkDays);
    const label = JSON.stringify({ keys: d.keys.length, threshold: d.threshold, days: d.days });
    for (const field of ['keys', 'threshold', 'days'] as const) {
      if (want[field]) assert.match(got[field] ?? '(none)', want[field]!, `${label} ${field}`);
      else assert.equal(got[field], undefined, `${label} ${field}`);
    }
    assert.equal(m.hasProblems(got), Object.keys(want).length > 0, label);
  }
});

test('toKeyInputs: owners trimmed, PKCS#11 URIs only on online roles, and the tuf contract accepts the request', () => {
  const tmp = makeTempDir('rs-role-keys-');
  try {
    const pems = ['a', 'b', 'c', 'd'].map((n) => fs.readFileSync(softwareKey(path.join(tmp.dir, 'keys'), n).pub, 'utf8'));
    const uri = 'pkcs11:token=alice;object=online-timestamp';
    const offline = m.toKeyInputs([key(pems[0]!, ' alice ', 'pkcs11:token=alice;object=alice-root'), key(pems[1]!, '')], false);
    assert.deepEqual(offline, [{ publicKeyPem: pems[0], owner: 'alice' }, { publicKeyPem: pems[1] }]);
    const online = m.toKeyInputs([key(pems[3]!, 'online-timestamp', uri)], true);
    assert.deepEqual(online, [{ publicKeyPem: pems[3], owner: 'online-timestamp', onlineUri: uri }]);
    const request = {
      dir: path.join(tmp.dir, 'repo'),
      root: { keys: offline, threshold: 2 },
      targets: { keys: m.toKeyInputs([key(pems[2]!, 'release-team')], false), threshold: 1 },
      snapshot: { keys: m.toKeyInputs([key(pems[3]!, 'snap')], true), threshold: 1 },
      timestamp: { keys: online, threshold: 1 },
      expiryDays: { root: 365, targets: 365, snapshot: 21, timestamp: 7 },
    };
    assert.equal(tufSchemas.init.safeParse(request).success, true);
    assert.equal(tufSchemas.delegate.safeParse({ dir: request.dir, name: 'releases', keys: offline, threshold: 1, paths: ['releases/*'], terminating: true }).success, true);
  } finally {
    tmp.cleanup();
  }
});
