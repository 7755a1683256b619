// The linear codec is the models' own (de)serialisation: for the real Sigstore metadata and for generated
// repositories with unknown fields everywhere, it parses to objects the models call equal, emits the same JSON in the
// same key order (so the same canonical bytes, what signatures cover) and refuses bad input with the same errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canonicalize } from '@tufjs/canonical-json';
import { Metadata, MetadataKind } from '@tufjs/models';
import fc from 'fast-check';
import { fixturesDir } from '../testing/fixtures';
import { metadataFromJSON, metadataToJSON, signedToJSON, targetsFromJSON } from './metadata-codec';
import { formatMetadataJson, type JSONObject } from './metadata-json';

type Kind = MetadataKind.Root | MetadataKind.Targets | MetadataKind.Snapshot | MetadataKind.Timestamp;

const modelFromJSON = (kind: Kind, json: JSONObject) => Metadata.fromJSON(kind as MetadataKind.Targets, json);
const codecFromJSON = (kind: Kind, json: JSONObject) => metadataFromJSON(kind as MetadataKind.Targets, json);

/** Everything the codec must share with the models for `json`; returns the codec's output. */
function assertSameAsModels(json: JSONObject, what: string): JSONObject {
  const kind = (json['signed'] as JSONObject)['_type'] as Kind;
  const model = modelFromJSON(kind, json);
  const ours = codecFromJSON(kind, json);
  // Metadata#equals is typed as taking the signed part, but compares whole Metadata objects (metadata.js).
  assert.ok(ours.equals(model as never), `${what}: parsed metadata differs from the models'`);
  const expected = model.toJSON();
  const out = metadataToJSON(ours);
  assert.deepStrictEqual(out, expected, what);
  // deepStrictEqual ignores key order; the files we write and the maps clients iterate do not.
  assert.equal(JSON.stringify(out), JSON.stringify(expected), `${what}: key order differs`);
  assert.equal(JSON.stringify(signedToJSON(ours.signed)), JSON.stringify(model.signed.toJSON()), what);
  assert.equal(canonicalize(out['signed']), canonicalize(expected['signed']), `${what}: canonical bytes differ`);
  assert.equal(formatMetadataJson(out), formatMetadataJson(expected), what);
  return out;
}

function fixtureFiles(): string[] {
  const dirs = [fixturesDir('root-signing', 'metadata'), fixturesDir('root-signing', 'metadata', 'root_history'), fixturesDir('root-signing-published', 'metadata')];
  return dirs.flatMap((d) => fs.readdirSync(d).filter((f) => f.endsWith('.json')).map((f) => path.join(d, f)));
}

test('every real Sigstore metadata file round-trips exactly as the models do it, unknown fields included', () => {
  const files = fixtureFiles();
  assert.ok(files.length >= 35, `found only ${files.length} fixture files`);
  const kinds = new Set<string>();
  for (const file of files) {
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as JSONObject;
    kinds.add((json['signed'] as JSONObject)['_type'] as string);
    const out = assertSameAsModels(json, file);
    // The round trip keeps the file: same canonical signed bytes as on disk, so the signatures still verify.
    assert.equal(canonicalize(out), canonicalize(json), `${file} changed in the round trip`);
  }
  assert.deepEqual([...kinds].sort(), ['root', 'snapshot', 'targets', 'timestamp']);
  // The npm delegated role carries tuf-on-ci's unknown fields; they survive.
  const npm = codecFromJSON(MetadataKind.Targets, JSON.parse(fs.readFileSync(fixturesDir('root-signing', 'metadata', 'registry.npmjs.org.json'), 'utf8')));
  assert.ok('x-tuf-on-ci-expiry-period' in npm.signed.unrecognizedFields);
  assert.equal(signedToJSON(npm.signed)['x-tuf-on-ci-signing-period'], npm.signed.unrecognizedFields['x-tuf-on-ci-signing-period']);
});

const hex = (i: number, len: number) => (i.toString(16).padStart(8, '0').repeat(len / 8 + 1)).slice(0, len);

/** Targets metadata with n targets, custom and unknown fields at every level, and a few awkward keys. */
function generatedTargets(n: number): JSONObject {
  const targets: JSONObject = {};
  const awkward = ['__proto__', '10', '2', 'constructor', 'dir/ü ñ.txt', 'toString'];
  for (let i = 0; i < n; i++) {
    const p = i < awkward.length ? awkward[i]! : `pkg/${i % 7}/file-${i}.tgz`;
    const entry: JSONObject = { length: i, hashes: { sha256: hex(i, 64), sha512: hex(i + 1, 128) } };
    if (i % 3 === 0) entry['custom'] = { sigstore: { usage: i % 2 ? 'Fulcio' : 'Rekor', status: 'Active' }, n: i };
    if (i % 5 === 0) entry['x-unknown'] = [i, 'x', null, true];
    Object.defineProperty(targets, p, { value: entry, enumerable: true, writable: true, configurable: true });
  }
  const key = (i: number): JSONObject => ({ keytype: 'ecdsa', scheme: 'ecdsa-sha2-nistp256', keyval: { public: `-----BEGIN PUBLIC KEY-----\n${hex(i, 40)}\n-----END PUBLIC KEY-----\n` }, 'x-owner': `@k${i}` });
  return {
    signatures: [
      { keyid: hex(1, 64), sig: hex(2, 140) },
      { keyid: hex(3, 64), sig: '' },
    ],
    signed: {
      _type: 'targets',
      spec_version: '1.0.31',
      version: 7,
      expires: '2031-01-01T00:00:00Z',
      'x-tuf-on-ci-expiry-period': 365,
      targets,
      delegations: {
        keys: { [hex(10, 64)]: key(10), [hex(11, 64)]: key(11) },
        roles: [
          { name: 'npm', keyids: [hex(10, 64)], threshold: 1, terminating: true, paths: ['npm/*'], 'x-role': 1 },
          { name: 'bins-0', keyids: [hex(11, 64)], threshold: 1, terminating: false, path_hash_prefixes: ['0', '1'] },
        ],
        'x-delegations': { a: 1 },
      },
    },
    'x-envelope': 'kept',
  };
}

test('generated targets with 1..2,000 entries, custom and unknown fields: same objects, JSON, order and bytes', () => {
  // The models take O(n²) here (2,000 targets: about a second each way); 5,000 runs with ROOTSMITH_SLOW=1.
  for (const n of [1, 2, 6, 7, 50, 500, 2_000, ...(process.env['ROOTSMITH_SLOW'] ? [5_000] : [])]) {
    const json = generatedTargets(n);
    const out = assertSameAsModels(json, `${n} targets`);
    assert.equal(canonicalize(out), canonicalize(json), `${n} targets: round trip changed the metadata`);
    assert.equal(Object.keys((out['signed'] as JSONObject)['targets'] as JSONObject).length, n);
  }
  // A "__proto__" path is a target like any other (JSON.parse and the models keep it as an own key).
  const md = codecFromJSON(MetadataKind.Targets, JSON.parse(JSON.stringify(generatedTargets(3))));
  assert.ok(Object.prototype.hasOwnProperty.call(md.signed.targets, '__proto__'));
  assert.equal(Object.getPrototypeOf(md.signed.targets), Object.prototype);
  assert.match(formatMetadataJson(metadataToJSON(md)), /"__proto__": \{/);
});

test('random targets metadata (fast-check) round-trips as the models do it', () => {
  // Canonical JSON has no floats (OLPC), so values are integers, strings, booleans, null, arrays and objects.
  const scalar = fc.oneof(fc.integer(), fc.string({ maxLength: 6 }), fc.boolean(), fc.constant(null));
  const jsonValue: fc.Arbitrary<JSONObject[string]> = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 4 }), scalar, { maxKeys: 3 }));
  const entry = fc.record({
    length: fc.nat(),
    hashes: fc.dictionary(fc.constantFrom('sha256', 'sha512', 'x'), fc.string({ maxLength: 8 })),
    extra: fc.dictionary(fc.string({ maxLength: 6 }).filter((k) => k !== 'length' && k !== 'hashes'), jsonValue, { maxKeys: 2 }),
  });
  fc.assert(
    fc.property(
      fc.dictionary(fc.string({ maxLength: 12 }), entry, { maxKeys: 40 }),
      fc.dictionary(fc.string({ maxLength: 6 }).filter((k) => !['_type', 'spec_version', 'version', 'expires', 'targets', 'delegations'].includes(k)), jsonValue, { maxKeys: 3 }),
      (targets, unknown) => {
        const t: JSONObject = {};
        for (const [p, e] of Object.entries(targets)) {
          Object.defineProperty(t, p, { value: { length: e.length, hashes: e.hashes, ...e.extra }, enumerable: true, writable: true, configurable: true });
        }
        const json: JSONObject = { signatures: [], signed: { _type: 'targets', spec_version: '1.0', version: 1, expires: '2030-01-01T00:00:00Z', ...unknown, targets: t } };
        assertSameAsModels(JSON.parse(JSON.stringify(json)) as JSONObject, 'random');
      },
    ),
    { numRuns: 150 },
  );
});

test('snapshot meta maps (large, unknown fields, default) and succinct delegations round-trip as the models do', () => {
  const meta: JSONObject = {};
  for (let i = 0; i < 1_500; i++) meta[`bins-${i}.json`] = i % 2 ? { version: i + 1, length: 10, hashes: { sha256: hex(i, 64) } } : { version: i + 1, 'x-m': i };
  assertSameAsModels({ signatures: [], signed: { _type: 'snapshot', spec_version: '1.0.31', version: 3, expires: '2030-01-01T00:00:00Z', meta, 'x-s': true } }, 'snapshot');
  assertSameAsModels({ signatures: [], signed: { _type: 'snapshot', spec_version: '1.0.31', version: 3, expires: '2030-01-01T00:00:00Z' } }, 'snapshot without meta');
  const succinct: JSONObject = {
    signatures: [],
    signed: {
      _type: 'targets', spec_version: '1.0.31', version: 1, expires: '2030-01-01T00:00:00Z', targets: {},
      delegations: { keys: {}, succinct_roles: { keyids: [], threshold: 1, bit_length: 8, name_prefix: 'bin', 'x-sr': 1 } },
    },
  };
  assertSameAsModels(succinct, 'succinct roles');
  assertSameAsModels({ signatures: [], signed: { _type: 'targets', spec_version: '1.0.31', version: 1, expires: '2030-01-01T00:00:00Z' } }, 'no targets field');
  // A repeated delegated role name: first position, last value, as the models' spread leaves it.
  const dup = generatedTargets(1);
  const roles = ((dup['signed'] as JSONObject)['delegations'] as JSONObject)['roles'] as JSONObject[];
  roles.push({ ...roles[0]!, threshold: 2 });
  assertSameAsModels(dup, 'repeated role name');
  const t = targetsFromJSON(dup['signed'] as JSONObject);
  assert.deepEqual(Object.keys(t.delegations!.roles!), ['npm', 'bins-0']);
  assert.equal(t.delegations!.roles!['npm']!.threshold, 2);
});

test('bad metadata is refused with the models\' own errors', () => {
  const base = () => generatedTargets(3);
  const edit = (f: (signed: JSONObject, whole: JSONObject) => void): JSONObject => {
    const json = base();
    f(json['signed'] as JSONObject, json);
    return json;
  };
  const dele = (s: JSONObject) => s['delegations'] as JSONObject;
  const cases: [string, Kind, JSONObject][] = [
    ['targets not an object', MetadataKind.Targets, edit((s) => (s['targets'] = 'x'))],
    ['a target entry not an object', MetadataKind.Targets, edit((s) => ((s['targets'] as JSONObject)['a'] = 3))],
    ['a target without a numeric length', MetadataKind.Targets, edit((s) => ((s['targets'] as JSONObject)['a'] = { length: '1', hashes: {} }))],
    ['a negative length', MetadataKind.Targets, edit((s) => ((s['targets'] as JSONObject)['a'] = { length: -1, hashes: {} }))],
    ['hashes not strings', MetadataKind.Targets, edit((s) => ((s['targets'] as JSONObject)['a'] = { length: 1, hashes: { sha256: 1 } }))],
    ['delegations not an object', MetadataKind.Targets, edit((s) => (s['delegations'] = 1))],
    ['delegation keys malformed', MetadataKind.Targets, edit((s) => (dele(s)['keys'] = 'k'))],
    ['delegation keys missing', MetadataKind.Targets, edit((s) => delete dele(s)['keys'])],
    ['delegation roles malformed', MetadataKind.Targets, edit((s) => (dele(s)['roles'] = {}))],
    ['a delegated role named like a top-level role', MetadataKind.Targets, edit((s) => ((dele(s)['roles'] as JSONObject[])[0]!['name'] = 'root'))],
    ['expires missing', MetadataKind.Targets, edit((s) => delete s['expires'])],
    ['a wrong type', MetadataKind.Snapshot, base()],
    ['signatures not an array', MetadataKind.Targets, edit((_, w) => (w['signatures'] = {}))],
    ['two signatures by one key', MetadataKind.Targets, edit((_, w) => (w['signatures'] = [{ keyid: 'a', sig: '' }, { keyid: 'a', sig: '' }]))],
    ['signed not an object', MetadataKind.Targets, edit((_, w) => (w['signed'] = 'x'))],
    ['snapshot meta malformed', MetadataKind.Snapshot, { signatures: [], signed: { _type: 'snapshot', spec_version: '1.0', version: 1, expires: 'x', meta: { a: 1 } } }],
    ['snapshot meta version missing', MetadataKind.Snapshot, { signatures: [], signed: { _type: 'snapshot', spec_version: '1.0', version: 1, expires: 'x', meta: { a: {} } } }],
  ];
  for (const [what, kind, json] of cases) {
    let expected: Error | undefined;
    try {
      modelFromJSON(kind, json);
    } catch (e) {
      expected = e as Error;
    }
    assert.ok(expected, `the models accept "${what}"`);
    assert.throws(() => codecFromJSON(kind, json), (e: Error) => {
      assert.equal(e.constructor, expected!.constructor, what);
      assert.equal(e.message, expected!.message, what);
      return true;
    });
  }
});
