// Shared by the ceremony CLI tests: a SoftHSM2 token in the test's own directory (own SOFTHSM2_CONF), the
// keys it holds as the token reports them, and files in a ceremony directory.
import fs from 'node:fs';
import path from 'node:path';
import { createTestToken, openPkcs11Module, type KeyInfo } from '../../core/keys';
import { softhsmModule } from './paths';

export const PIN = '246810';
export const TOKEN = 'ceremony';

export async function makeToken(dir: string): Promise<{ env: Record<string, string>; conf: string }> {
  const token = await createTestToken({ dir: path.join(dir, 'hsm'), label: TOKEN, pin: PIN, soPin: '13579111' });
  return { conf: token.conf, env: { RS_PIN: PIN, SOFTHSM2_CONF: token.conf } };
}

/** The PKCS#11 URI of a private key the ceremony made on the test token, as `rootsmith serve --log-key` takes it. */
export function ceremonyKeyUri(label: string): string {
  return `pkcs11:token=${TOKEN};object=${label};type=private?module-path=${softhsmModule}`;
}

export async function tokenKeys(conf: string): Promise<KeyInfo[]> {
  const module = openPkcs11Module(softhsmModule, { softhsm2Conf: conf });
  try {
    const session = await module.openSession(TOKEN, PIN);
    return session.listKeys();
  } finally {
    module.close();
  }
}

export function runArgs(plan: string, out: string, extra: string[] = []): string[] {
  return ['ceremony', 'run', plan, '--out', out, '--module', softhsmModule, '--token', TOKEN, '--pin-env', 'RS_PIN', '--yes', '--json', ...extra];
}

export function filesIn(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}
