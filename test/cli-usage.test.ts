// How `rootsmith` answers a person asking for help or mistyping a command: --help/-h anywhere prints the usage of
// that noun or verb (stdout, exit 0); a bad flag or argument is a usage error in our words (stderr, exit 2) with a
// "did you mean" and the usage, never Node's parseArgs text; bare `rootsmith` is a usage error like a typo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, type CliResult } from './support/cli';

/** Nothing a user should ever see: Node's advice about '--', an "Error:" prefix, a stack frame, errno text. */
function assertClean(r: CliResult): void {
  for (const text of [r.stderr, r.stdout]) {
    assert.doesNotMatch(text, /To specify a positional|as in '--|ERR_PARSE_ARGS/, 'no parseArgs text');
    assert.doesNotMatch(text, /\bError:|^\s+at .+:\d+:\d+\)?$/m, 'no "Error:" or stack');
    assert.doesNotMatch(text, /\b(ENOENT|EISDIR|ENOTDIR|EEXIST|EACCES)\b/, 'no errno text');
  }
}

const nouns = ['keys', 'ceremony', 'tuf', 'tsa', 'log', 'serve', 'oidc', 'verify', 'demo', 'gui'];

for (const noun of nouns) {
  // -h is the same path as --help: checked on a few nouns to keep this file fast.
  for (const flag of ['keys', 'tuf', 'verify'].includes(noun) ? ['--help', '-h'] : ['--help']) {
    test(`rootsmith ${noun} ${flag} prints the ${noun} usage to stdout, exit 0`, () => {
      const r = runCli([noun, flag]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^rootsmith ${noun}\\b`));
      assert.equal(r.stderr, '');
      assertClean(r);
    });
  }
}

const verbHelp: { args: string[]; shows: RegExp; hides: RegExp }[] = [
  { args: ['tuf', 'init', '--help'], shows: /^ {2}init DIR --root-key/m, hides: /^ {2}publish/m },
  { args: ['tuf', 'key', '--help'], shows: /^ {2}key add ROLE[\s\S]*^ {2}key remove/m, hides: /^ {2}init/m },
  { args: ['tuf', 'key', 'add', 'root', '-h'], shows: /^ {2}key add ROLE/m, hides: /^ {2}key remove/m },
  { args: ['log', 'monitor', 'http://127.0.0.1:1', '--once', '--help'], shows: /^ {2}monitor {2,}URL/m, hides: /^ {2}get/m },
  { args: ['keys', 'list', '-h'], shows: /^ {2}list {2,}--token/m, hides: /^ {2}generate/m },
  { args: ['ceremony', 'run', 'root-ca', '--help'], shows: /^ {2}run {2,}PLAN/m, hides: /^ {2}lint/m },
  { args: ['help', 'tsa', 'stamp'], shows: /^ {2}stamp {2,}FILE/m, hides: /^ {2}verify/m },
  { args: ['verify', 'b.json', '--artifact', 'x', '--help'], shows: /^rootsmith verify BUNDLE/m, hides: /^rootsmith tuf/m },
];

for (const c of verbHelp) {
  test(`rootsmith ${c.args.join(' ')} prints only that verb's usage`, () => {
    const r = runCli(c.args);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, c.shows);
    assert.doesNotMatch(r.stdout, c.hides);
    assertClean(r);
  });
}

test('bare rootsmith is a usage error: the usage on stderr, exit 2; rootsmith help is stdout, exit 0', () => {
  const bare = runCli([]);
  assert.equal(bare.status, 2);
  assert.equal(bare.stdout, '');
  assert.match(bare.stderr, /Usage: rootsmith <noun> <verb>/);
  const help = runCli(['help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Usage: rootsmith <noun> <verb>/);
  assert.match(help.stdout, /--json: stdout carries exactly one JSON document/, 'the --json contract is documented');
});

const usageErrors: { args: string[]; says: RegExp; json?: true }[] = [
  { args: ['tuf', 'init', 'R', '--root-keys', 'k.pub'], says: /Unknown option --root-keys for `rootsmith tuf init`: did you mean --root-key\?/, json: true },
  { args: ['verify', 'b.json', '--artifcat', 'x'], says: /Unknown option --artifcat for `rootsmith verify`: did you mean --artifact\?/ },
  { args: ['log', 'get', 'http://127.0.0.1:1', '--indx', '0'], says: /Unknown option --indx for `rootsmith log get`: did you mean --index\?/ },
  { args: ['serve', '--data', 'd', '--frobnicate'], says: /Unknown option --frobnicate for `rootsmith serve`\. \[USAGE\]\nUsage:/ },
  { args: ['keys', 'list', 'extra'], says: /Unexpected argument "extra" for `rootsmith keys list`: it takes options only/, json: true },
  { args: ['log', 'get', 'http://127.0.0.1:1', '--index'], says: /--index needs a value \(`rootsmith log get`\)/ },
  { args: ['log', 'get', 'http://127.0.0.1:1', '--index', '--json'], says: /--index needs a value, but the next argument starts with "-"/ },
  { args: ['gui', '--no-open=yes'], says: /--no-open takes no value/ },
  { args: ['tuf', 'key'], says: /`rootsmith tuf key` needs one of: add, remove\./, json: true },
  { args: ['tuf', 'target', 'frob'], says: /`rootsmith tuf target` needs one of: add, remove\./ },
  { args: ['kes', 'list'], says: /Unknown command "kes": did you mean keys\?/, json: true },
  { args: ['log', 'verify-consistency', 'http://127.0.0.1:1', '--from-size', '1'], says: /--from-root HEX is required/ },
];

for (const c of usageErrors) {
  test(`rootsmith ${c.args.join(' ')} is a usage error in our words (exit 2)`, () => {
    const r = runCli(c.args);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, c.says);
    assert.match(r.stderr, /\[USAGE\]/);
    assertClean(r);
    if (!c.json) return;
    const json = runCli([...c.args, '--json']);
    assert.equal(json.status, 2);
    const doc = json.json() as { ok: boolean; error: { code: string; message: string } };
    assert.equal(doc.ok, false);
    assert.equal(doc.error.code, 'USAGE');
  });
}
