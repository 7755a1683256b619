// `rootsmith demo`: the README's main job on a fresh machine: a whole private Sigstore rehearsed end to end.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runDemo, type DemoSummary } from '../../rehearsal/demo';
import { emit } from '../output';

export const demoUsage = `rootsmith demo [--dir EMPTY_DIR] [--email ADDRESS] [--json]   (default --dir: a new temporary directory)
                                                             a throwaway SoftHSM2 token, the root + intermediate + TSA
                                                             ceremony, a 3-of-5 TUF root, all services, and an artifact
                                                             signed and verified with the real sigstore client`;

/** The closing words of the demo: what was made, how to check it, and what can still sign. */
export function demoSummaryText(s: DemoSummary): string {
  return [
    '',
    `Verified: ${s.artifact.file} was signed by ${s.artifact.identity} (issuer ${s.artifact.issuer}),`,
    `logged at index ${s.artifact.logIndex}, timestamped ${s.artifact.timestamps} time(s), and checked against the trust root fetched through TUF.`,
    '',
    'What was made, and where:',
    `  everything            ${s.dir}`,
    `  HSM token             "${s.token.label}" (SoftHSM2, SOFTHSM2_CONF=${s.token.conf}) — a rehearsal token`,
    `  ceremony              ${s.ceremony.dir} (transcript.jsonl, ${s.ceremony.outputs.length} outputs; check with: rootsmith ceremony verify ${s.ceremony.dir})`,
    `  transcript digest     ${s.ceremony.digest}`,
    `                        ${s.ceremony.digestWords}`,
    `  TUF repository        ${s.tuf.repository} (root ${s.tuf.rootThreshold}, targets ${s.tuf.targetsThreshold})`,
    `  initial TUF root      ${s.tuf.initialRoot}`,
    `  bundle                ${s.artifact.bundle}`,
    '',
    'Check what was made:',
    `  rootsmith ceremony verify ${s.ceremony.dir}`,
    `  rootsmith tuf verify --root ${s.tuf.initialRoot} --repo ${s.tuf.repository}/published`,
    `  rootsmith verify ${s.artifact.bundle} --artifact ${s.artifact.file} --identity ${s.artifact.identity} --issuer ${s.artifact.issuer} --trusted-root ${s.dir}/services/trust/trusted_root.json`,
    '',
    'This was a throwaway rehearsal: the services have stopped, and the token\'s PINs were random and are gone with',
    'this process, so the keys on the HSM token (CA, TSA, logs, TUF root holders) can never sign again.',
    ...(s.rehearsalKeys.length > 0
      ? [
          'These rehearsal-only software keys remain, each with its passphrase file beside it, so they can still sign;',
          'nothing outside this demo trusts them (the TUF online keys let `rootsmith tuf refresh-online` renew its repository):',
          ...s.rehearsalKeys.map((k) => `  ${path.relative(s.dir, k)}`),
        ]
      : []),
    `Delete ${s.dir} when you are done.`,
  ].join('\n');
}

export async function runDemoCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { dir: { type: 'string' }, email: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
  const result = await runDemo({
    ...(values.dir ? { dir: values.dir } : {}),
    ...(values.email ? { email: values.email } : {}),
    say: (message) => process.stderr.write(`${message}\n`),
  });
  emit(values.json ?? false, result, () => demoSummaryText(result));
}
