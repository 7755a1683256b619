// `rootsmith keys tokens|list|generate|test-token`: PKCS#11 tokens and keys from the command line.
import { parseArgs } from 'node:util';
import type { KeyCurve, KeySummary } from '../../contract/keys';
import { keyCurves } from '../../contract/keys';
import type { Backend } from '../../services';
import { UsageError } from '../errors';
import { emit, unwrap } from '../output';
import { readNewSecret, readSecret } from '../secrets';
import { requireDirectoryPath } from './ceremony-paths';

/** Request fields as the flags that give them, so a refused request names the flag to fix. */
const KEY_FLAGS = { module: '--module', token: '--token', label: '--label', curve: '--curve', id: '--id', dir: '--dir', pin: 'the PIN', soPin: 'the SO PIN' };

export const keysUsage = `rootsmith keys <verb> [options]
  tokens      [--module PATH] [--json]                       list slots and tokens of a PKCS#11 module
  list        --token LABEL [--module PATH] [--pin-env NAME] [--json]
                                                             list the keys on a token
  generate    --token LABEL --label KEY --curve p256|p384|ed25519 [--id HEX] [--module PATH] [--pin-env NAME] [--json]
                                                             generate a non-extractable key pair on the token
  test-token  --dir DIR --label LABEL [--pin-env NAME] [--so-pin-env NAME] [--json]
                                                             create a throwaway SoftHSM2 token in DIR (writes DIR/softhsm2.conf);
                                                             new PINs typed at a prompt are asked twice
PINs come from the environment variable named by --pin-env, or from a prompt; never from the command line.`;

function describeKey(k: KeySummary): string {
  const lines = [`${k.label}  ${k.algorithm}  id ${k.idHex}`, `  uri          ${k.uri}`];
  if (k.fingerprint) {
    lines.push(`  sha256       ${k.fingerprint.sha256Hex}`, `  read aloud   ${k.fingerprint.words}`);
  }
  if (k.hasPrivateKey) lines.push(`  private key  extractable=${String(k.extractable)} sensitive=${String(k.sensitive)}`);
  return lines.join('\n');
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`${flag} is required.`);
  return value;
}

export async function runKeys(argv: string[], backend: Backend): Promise<void> {
  const [verb, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      module: { type: 'string' },
      token: { type: 'string' },
      label: { type: 'string' },
      curve: { type: 'string' },
      id: { type: 'string' },
      dir: { type: 'string' },
      'pin-env': { type: 'string' },
      'so-pin-env': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const json = values.json ?? false;
  const { registry } = backend;
  const login = async (token: string) => {
    const pin = await readSecret({ envName: values['pin-env'], prompt: `PIN for token "${token}": `, flag: '--pin-env' });
    unwrap(await registry.call('keys', 'login', { module: values.module, token, pin }), KEY_FLAGS);
  };

  switch (verb) {
    case 'tokens': {
      const out = unwrap(await registry.call('keys', 'tokens', { module: values.module }), KEY_FLAGS);
      emit(json, out, () =>
        [
          `${out.module.description} (${out.module.manufacturer} ${out.module.version}) at ${out.module.path}`,
          ...(out.tokens.length === 0 ? ['  no initialised token'] : out.tokens.map((t) => `  slot ${t.slotId}: "${t.label}" ${t.manufacturer} ${t.model} serial ${t.serial}${t.userPinLocked ? ' [PIN LOCKED]' : ''}`)),
        ].join('\n'),
      );
      return;
    }
    case 'list': {
      const token = required(values.token, '--token');
      await login(token);
      const out = unwrap(await registry.call('keys', 'list', { module: values.module, token }), KEY_FLAGS);
      emit(json, out, () => (out.keys.length === 0 ? `No keys on "${token}".` : out.keys.map(describeKey).join('\n')));
      return;
    }
    case 'generate': {
      const token = required(values.token, '--token');
      const label = required(values.label, '--label');
      const curve = required(values.curve, '--curve');
      if (!(keyCurves as readonly string[]).includes(curve)) throw new UsageError(`--curve must be one of ${keyCurves.join(', ')}.`);
      await login(token);
      const out = unwrap(await registry.call('keys', 'generate', { module: values.module, token, label, curve: curve as KeyCurve, id: values.id }), KEY_FLAGS);
      emit(json, out, () => `Generated on "${token}":\n${describeKey(out)}\n${out.publicKeyPem ?? ''}`);
      return;
    }
    case 'test-token': {
      const dir = required(values.dir, '--dir');
      const label = required(values.label, '--label');
      requireDirectoryPath(dir, '--dir');
      // New PINs: typed at the prompt, each is asked twice (a typo would lock the token's keys away).
      const pin = await readNewSecret({ envName: values['pin-env'], prompt: 'New user PIN: ', flag: '--pin-env' });
      const soPin = await readNewSecret({ envName: values['so-pin-env'], prompt: 'New security officer PIN: ', flag: '--so-pin-env' });
      const out = unwrap(await registry.call('keys', 'createTestToken', { dir, label, pin, soPin }), KEY_FLAGS);
      emit(json, out, () => `Rehearsal SoftHSM2 token "${out.label}" created in ${out.dir}.\nUse it with: export SOFTHSM2_CONF=${out.conf}`);
      return;
    }
    default:
      throw new UsageError(verb ? `Unknown keys verb "${verb}".\n${keysUsage}` : keysUsage);
  }
}
