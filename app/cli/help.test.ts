import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closest, editDistance, flagsFor, helpText, missingSubVerb, usageShape, verbWords } from './help';

const usage = `rootsmith demo-noun <verb> [options]          (a note on the header
                                              continued here)
  init DIR --alpha N [--beta]                   make it
           --gamma REF                          (continued)
  key add ROLE --key REF                        add a key
  key remove ROLE KEYID                         remove a key
  status [DIR]                                  show it
  every verb:   --delta S                       a labelled note
REF: a note for every verb.`;

test('usageShape: header with its continuation, verbs with sub-verbs and continuation lines, notes', () => {
  const s = usageShape(usage);
  assert.equal(s.hasVerbs, true);
  assert.equal(s.header.split('\n').length, 2);
  assert.deepEqual(s.sections.map((x) => x.words.join(' ')), ['init', 'key add', 'key remove', 'status']);
  assert.equal(s.sections[0]!.lines.length, 2);
  assert.deepEqual(s.notes, ['  every verb:   --delta S                       a labelled note', 'REF: a note for every verb.']);
});

const words: { args: string[]; expected: string[] }[] = [
  { args: ['init', 'DIR'], expected: ['init'] },
  { args: ['key', 'add', 'root'], expected: ['key', 'add'] },
  { args: ['key'], expected: ['key'] },
  { args: ['nope'], expected: [] },
  { args: [], expected: [] },
];
for (const c of words) {
  test(`verbWords(${c.args.join(' ') || 'nothing'}) = ${c.expected.join(' ') || 'none'}`, () => {
    assert.deepEqual(verbWords(usageShape(usage), c.args), c.expected);
  });
}

test('helpText: one verb, all sub-verbs of one, or the whole usage', () => {
  assert.equal(helpText(usage, ['init']).split('\n').length, 2 + 2 + 2);
  assert.match(helpText(usage, ['key']), /key add[\s\S]*key remove/);
  assert.doesNotMatch(helpText(usage, ['key', 'add']), /key remove/);
  assert.equal(helpText(usage, ['unknown']), usage);
  const noVerbs = 'rootsmith thing FILE [--x]\n   more';
  assert.equal(helpText(noVerbs, ['FILE']), noVerbs);
});

test('flagsFor names the verb\'s flags, and always --json and --help', () => {
  assert.deepEqual(flagsFor(usage, ['init']).sort(), ['--alpha', '--beta', '--delta', '--gamma', '--help', '--json']);
});

test('missingSubVerb: only for a verb that exists solely with sub-verbs', () => {
  assert.deepEqual(missingSubVerb(usage, ['key']), ['add', 'remove']);
  assert.deepEqual(missingSubVerb(usage, ['key', 'frob']), ['add', 'remove']);
  assert.equal(missingSubVerb(usage, ['key', 'add']), undefined);
  assert.equal(missingSubVerb(usage, ['init']), undefined);
  assert.equal(missingSubVerb(usage, []), undefined);
});

test('editDistance and closest', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(closest('--artifcat', ['--artifact', '--identity']), '--artifact');
  assert.equal(closest('--jsn', ['--json', '--out']), '--json');
  assert.equal(closest('--x', ['--id', '--out']), undefined, 'no wild guesses for short words');
  assert.equal(closest('kes', ['keys', 'tuf']), 'keys');
});
