// Plan validation, table-driven: every invalid plan is refused before anything runs, naming its field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CeremonyError } from './errors';
import { parsePlan } from './plan-load';

const NOW = new Date('2026-11-27T10:00:00Z');

const ROOT = `version: 1
name: t
title: Test
steps:
  - id: root-key
    type: generate-key
    label: root
    algorithm: ecdsa-p384
  - id: root-cert
    type: certificate
    profile: root-ca
    key: root-key
    subject: { commonName: R, organization: O }
    validity: { years: 10 }
    output: root.pem
  - id: int-key
    type: generate-key
    label: int
    algorithm: ecdsa-p256
  - id: int-cert
    type: certificate
    profile: fulcio-intermediate
    key: int-key
    issuer: root-cert
    issuerKey: root-key
    subject: { commonName: I, organization: O }
    validity: { years: 3 }
    output: int.pem
  - id: chain
    type: chain
    certificates: [int-cert, root-cert]
    output: chain.pem
`;

test('the base plan is valid', () => {
  assert.equal(parsePlan(ROOT, NOW).plan.steps.length, 5);
});

const cases: [string, (s: string) => string, string][] = [
  ['an unknown top-level field', (s) => `${s}colour: blue\n`, 'colour'],
  ['an unknown step field', (s) => s.replace('    label: root\n', '    label: root\n    extractable: true\n'), 'steps[0].extractable'],
  ['an unknown validity field', (s) => s.replace('{ years: 10 }', '{ years: 10, month: 2 }'), 'steps[1].validity.month'],
  ['a missing key label', (s) => s.replace('    label: root\n', ''), 'steps[0].label'],
  ['an unknown step type', (s) => s.replace('type: chain', 'type: bundle'), 'steps[4].type'],
  ['an unknown algorithm', (s) => s.replace('algorithm: ecdsa-p384', 'algorithm: rsa-2048'), 'steps[0].algorithm'],
  ['zero years', (s) => s.replace('{ years: 3 }', '{ years: 0 }'), 'steps[3].validity.years'],
  ['negative days', (s) => s.replace('{ years: 3 }', '{ days: -5 }'), 'steps[3].validity.days'],
  ['both years and days', (s) => s.replace('{ years: 3 }', '{ years: 3, days: 2 }'), 'steps[3].validity'],
  ['a validity longer than the issuer', (s) => s.replace('{ years: 3 }', '{ years: 11 }'), 'steps[3].validity.years'],
  ['a certificate already expired', (s) => s.replace('{ years: 3 }', '{ days: 1, notBefore: "2020-01-01T00:00:00Z" }'), 'steps[3].validity.days'],
  ['a bad notBefore', (s) => s.replace('{ years: 3 }', '{ years: 1, notBefore: "tomorrow" }'), 'steps[3].validity.notBefore'],
  ['a reference to a later step', (s) => s.replace('issuer: root-cert', 'issuer: chain'), 'steps[3].issuer'],
  ['a reference to a missing key', (s) => s.replace('issuerKey: root-key', 'issuerKey: nothing'), 'steps[3].issuerKey'],
  ['an issuer key that is not the issuer certificate key', (s) => s.replace('issuerKey: root-key', 'issuerKey: int-key'), 'steps[3].issuerKey'],
  ['a key step used as a certificate', (s) => s.replace('certificates: [int-cert, root-cert]', 'certificates: [int-cert, root-key]'), 'steps[4].certificates[1]'],
  ['a chain that is not leaf first', (s) => s.replace('certificates: [int-cert, root-cert]', 'certificates: [root-cert, int-cert]'), 'steps[4].certificates[1]'],
  ['an output path with a directory', (s) => s.replace('output: int.pem', 'output: ../int.pem'), 'steps[3].output'],
  ['an output with the wrong extension', (s) => s.replace('output: int.pem', 'output: int.crt'), 'steps[3].output'],
  ['two steps writing one file', (s) => s.replace('output: int.pem', 'output: root.pem'), 'steps[3].output'],
  ['a duplicate step id', (s) => s.replace('id: int-key', 'id: root-key'), 'steps[2].id'],
  ['a key label generated twice', (s) => s.replace('label: int', 'label: root'), 'steps[2].label'],
  ['an Ed25519 root', (s) => s.replace('algorithm: ecdsa-p384', 'algorithm: ed25519'), 'steps[1].key'],
  ['a root with an issuer', (s) => s.replace('    key: root-key\n    subject: { commonName: R', '    key: root-key\n    issuer: root-cert\n    subject: { commonName: R'), 'steps[1].issuer'],
  ['an intermediate without an issuer', (s) => s.replace('    issuer: root-cert\n', ''), 'steps[3].issuer'],
  ['a subject without organization', (s) => s.replace('{ commonName: I, organization: O }', '{ commonName: I }'), 'steps[3].subject.organization'],
  ['a CSR input not declared', (s) => s.replace('    key: int-key\n    issuer', '    csr: the-csr\n    issuer'), 'steps[3].csr'],
  ['a digest key that is not a key step', (s) => `${s}signDigestWith: chain\n`, 'signDigestWith'],
  ['an intermediate issuing a CA', (s) => `${s}  - id: sub-key\n    type: generate-key\n    label: sub\n    algorithm: ecdsa-p256\n  - id: sub\n    type: certificate\n    profile: tsa-intermediate\n    key: sub-key\n    issuer: int-cert\n    issuerKey: int-key\n    subject: { commonName: S, organization: O }\n    validity: { years: 1 }\n    output: sub.pem\n`, 'steps[6].issuer'],
  ['a wrong version', (s) => s.replace('version: 1', 'version: 2'), 'version'],
  ['YAML with a duplicate key', (s) => s.replace('name: t\n', 'name: t\nname: u\n'), '(yaml)'],
];

for (const [what, edit, field] of cases) {
  test(`refused: ${what} (${field})`, () => {
    assert.throws(
      () => parsePlan(edit(ROOT), NOW),
      (e: unknown) => {
        assert.ok(e instanceof CeremonyError);
        assert.equal(e.code, 'PLAN_INVALID');
        const fields = (e.details!.problems as { field: string }[]).map((p) => p.field);
        assert.ok(fields.includes(field), `expected ${field} among ${fields.join(', ')}: ${e.message}`);
        assert.match(e.message, new RegExp(field.replace(/[[\]().]/g, '\\$&')));
        return true;
      },
    );
  });
}

test('a YAML syntax error names its line, and each distinct message is said once', () => {
  const text = 'version: 1\nname: x\ntitle: X\nsteps:\n  - { id: a, type: generate-key\n  - { id: b\n  - c: {\n';
  assert.throws(
    () => parsePlan(text, new Date()),
    (e: unknown) => {
      const problems = (e as { details?: { problems?: { field: string; message: string }[] } }).details?.problems ?? [];
      const messages = problems.map((p) => p.message);
      assert.ok(problems.length > 0 && problems.every((p) => p.field === '(yaml)' && /^line \d+: /.test(p.message)), JSON.stringify(problems));
      assert.equal(new Set(messages).size, messages.length, 'no message repeats');
      assert.equal(messages.filter((m) => /^line \d+: Flow map/.test(m)).length, 1);
      return true;
    },
  );
});
