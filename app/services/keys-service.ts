// The keys service: PKCS#11 modules opened once per path, login sessions held per token (the session, never
// the PIN), key listing and generation, and throwaway SoftHSM2 rehearsal tokens.
import crypto from 'node:crypto';
import path from 'node:path';
import {
  createTestToken,
  fingerprint,
  openPkcs11Module,
  spkiToPem,
  DEFAULT_MODULE_PATH,
  KeyError,
  type KeyInfo,
  type Pkcs11Module,
  type Pkcs11Session,
} from '../../core/keys';
import type { KeyCurve, KeySummary, TokenSummary } from '../contract/keys';
import type { ServiceImpl } from './registry';
import { appDataDir } from './app-data';
import type { ProgressHub } from './progress';

const curveAlgorithm = { p256: 'ecdsa-p256', p384: 'ecdsa-p384', ed25519: 'ed25519' } as const satisfies Record<KeyCurve, string>;

export interface KeysService extends ServiceImpl<'keys'> {
  /** The open session for a token, for other services that sign (ceremony, TUF). */
  session(modulePath: string | undefined, token: string): Pkcs11Session;
  dispose(): void;
}

export function toKeySummary(key: KeyInfo): KeySummary {
  return {
    label: key.label,
    idHex: key.idHex,
    algorithm: key.algorithm ?? 'unknown',
    uri: key.uri,
    hasPrivateKey: key.hasPrivateKey,
    extractable: key.extractable ?? null,
    sensitive: key.sensitive ?? null,
    publicKeyPem: key.spki ? spkiToPem(key.spki) : null,
    fingerprint: key.spki ? fingerprint(key.spki) : null,
  };
}

export function createKeysService(progress?: ProgressHub): KeysService {
  const modules = new Map<string, Pkcs11Module>();
  const sessions = new Map<string, Pkcs11Session>();
  const sessionKey = (modulePath: string, token: string) => `${modulePath}\u0000${token}`;
  const resolvePath = (p: string | undefined) => path.resolve(p ?? DEFAULT_MODULE_PATH);

  const moduleFor = (p: string | undefined): Pkcs11Module => {
    const resolved = resolvePath(p);
    let mod = modules.get(resolved);
    if (!mod) {
      mod = openPkcs11Module(resolved);
      modules.set(resolved, mod);
    }
    return mod;
  };

  const closeModule = (resolved: string) => {
    for (const [k, s] of sessions) {
      if (k.startsWith(`${resolved}\u0000`)) {
        s.close();
        sessions.delete(k);
      }
    }
    modules.get(resolved)?.close();
    modules.delete(resolved);
  };

  const session = (p: string | undefined, token: string): Pkcs11Session => {
    const s = sessions.get(sessionKey(resolvePath(p), token));
    if (!s) throw new KeyError('NOT_LOGGED_IN', `Log in to token "${token}" first.`);
    return s;
  };

  return {
    session,
    tokens: ({ module }) => {
      const resolved = resolvePath(module);
      const mod = moduleFor(module);
      // SoftHSM2 always offers one empty, uninitialised slot: only initialised tokens can be used.
      const tokens: TokenSummary[] = mod.listTokens().filter((t) => t.flags.initialized).map((t) => ({
        slotId: String(t.slotId),
        slotDescription: t.slotDescription,
        label: t.label,
        manufacturer: t.manufacturer,
        model: t.model,
        serial: t.serial,
        initialized: t.flags.initialized,
        loginRequired: t.flags.loginRequired,
        userPinLocked: t.flags.userPinLocked,
        userPinCountLow: t.flags.userPinCountLow,
        userPinFinalTry: t.flags.userPinFinalTry,
        loggedIn: sessions.has(sessionKey(resolved, t.label)),
        mechanisms: { ecKeyGen: t.mechanisms.ecKeyGen, ecdsa: t.mechanisms.ecdsa, eddsa: t.mechanisms.eddsa },
      }));
      const info = mod.info();
      return { module: { path: resolved, description: info.description, manufacturer: info.manufacturer, version: info.version }, tokens };
    },
    login: async ({ module, token, pin }) => {
      const resolved = resolvePath(module);
      const key = sessionKey(resolved, token);
      sessions.get(key)?.close();
      sessions.delete(key);
      sessions.set(key, await moduleFor(module).openSession(token, pin));
      return { token, loggedIn: true };
    },
    logout: ({ module, token }) => {
      const key = sessionKey(resolvePath(module), token);
      sessions.get(key)?.close();
      sessions.delete(key);
      return { token, loggedIn: false };
    },
    list: ({ module, token }) => ({ token, keys: session(module, token).listKeys().map(toKeySummary) }),
    generate: async ({ module, token, label, curve, id }) => {
      const params: { label: string; algorithm: (typeof curveAlgorithm)[KeyCurve]; id?: Uint8Array } = { label, algorithm: curveAlgorithm[curve] };
      if (id) params.id = new Uint8Array(Buffer.from(id, 'hex'));
      const operation = `keys.generate:${token}:${label}`;
      progress?.emit({ operation, message: `Generating a ${curve} key pair inside token "${token}"…`, done: 0, total: 1 });
      const key = toKeySummary(await session(module, token).generateKeyPair(params));
      progress?.emit({ operation, message: `Key "${label}" generated; its private key cannot leave the token.`, done: 1, total: 1 });
      return key;
    },
    createTestToken: async ({ dir, label, pin, soPin }) => {
      const target = path.resolve(dir ?? path.join(appDataDir(), 'rehearsal-tokens', `${label}-${crypto.randomBytes(4).toString('hex')}`));
      // SoftHSM2 reads SOFTHSM2_CONF when the module initialises: close it so the next use sees the new token dir.
      closeModule(resolvePath(DEFAULT_MODULE_PATH));
      const made = await createTestToken({ dir: target, label, pin, soPin });
      process.env.SOFTHSM2_CONF = made.conf;
      closeModule(resolvePath(DEFAULT_MODULE_PATH));
      return { dir: target, conf: made.conf, module: made.modulePath, label: made.label };
    },
    dispose: () => {
      for (const p of [...modules.keys()]) closeModule(p);
    },
  };
}
