// The TUF trust-root service over core/tuf: repository edits, offline signing sessions (request, review, sign,
// import), publishing and the online refresh, expiry overview and verification of a published repository.
import fs from 'node:fs';
import path from 'node:path';
import { Key } from '@tufjs/models';
import type { Clock } from '../../core/clock';
import { RootsmithError } from '../../core/errors';
import { fromBase64, sha256, toHex, toPem } from '../../core/bytes';
import {
  importSignature,
  keyLabel,
  parseJsonObject,
  parseSigningRequest,
  payloadBytes,
  requestFileName,
  signRequest,
  spkiOfTufKey,
  TufError,
  TufRepository,
  type JSONObject,
  type SigningRequest,
} from '../../core/tuf';
import { finalRoot, finalTargets } from '../../core/tuf/repo-state';
import { isTopLevelRole } from '../../core/tuf/repo-layout';
import type { TufExpiryEntry, TufImportResult, TufReview } from '../contract/tuf';
import type { KeysService } from './keys-service';
import type { ServiceImpl } from './registry';
import { onlineKeyWarnings, tufKeyFromInput } from './tuf/key-input';
import { readInputFile } from './tuf/read-input';
import { notInRoleError, onlineKeyError } from './tuf/signer-name';
import { withSigners } from './tuf/signer-spec';
import { progressOf, repositoryStatus } from './tuf/status-view';
import { verifyPublished } from './tuf/verify-published';

export type TufService = ServiceImpl<'tuf'>;

class TufInputError extends RootsmithError<'TIME_INVALID' | 'KEY_AMBIGUOUS'> {}

const DAY_MS = 86_400_000;

function readRequest(r: { requestFile?: string | undefined; requestJson?: string | undefined }): SigningRequest {
  const source = r.requestFile ?? 'signing request';
  const text = r.requestFile !== undefined ? readInputFile(r.requestFile, 'The signing request') : r.requestJson!;
  return parseSigningRequest(parseJsonObject(text, source), source);
}

/** Resolves a key ID, a unique ID prefix (8+ hex digits) or an owner name among a role's keys. */
function resolveKeyId(repo: TufRepository, role: string, ref: string): string {
  const state = repo.state();
  const ids = isTopLevelRole(role) ? finalRoot(state)?.signed.roles[role]?.keyIDs ?? [] : finalTargets(state)?.signed.delegations?.roles?.[role]?.keyIDs ?? [];
  const keys = isTopLevelRole(role) ? finalRoot(state)?.signed.keys ?? {} : finalTargets(state)?.signed.delegations?.keys ?? {};
  const matches = ids.filter((id) => id === ref || (ref.length >= 8 && id.startsWith(ref)) || (keys[id] && keyLabel(keys[id]) === ref));
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) throw new TufError('KEY_NOT_FOUND', `No ${role} key is named "${ref}" (give an owner, a key ID or 8+ hex digits of one).`, { details: { role } });
  throw new TufInputError('KEY_AMBIGUOUS', `"${ref}" names ${matches.length} ${role} keys; give the key ID.`);
}

export function createTufService(deps: { keys: KeysService; clock: Clock }): TufService {
  const { keys, clock } = deps;
  const open = (dir: string) => TufRepository.open(path.resolve(dir), { clock });
  const changed = (repo: TufRepository, warnings: string[] = []) => ({ status: repositoryStatus(repo), warnings });

  return {
    status: ({ dir }) => repositoryStatus(open(dir)),

    init: ({ dir, root, targets, snapshot, timestamp, expiryDays }) => {
      const roles = { root, targets, snapshot, timestamp };
      const built = Object.fromEntries(Object.entries(roles).map(([role, r]) => [role, { keys: r.keys.map(tufKeyFromInput), threshold: r.threshold }])) as Record<
        keyof typeof roles,
        { keys: ReturnType<typeof tufKeyFromInput>[]; threshold: number }
      >;
      // Core refuses thresholds above the distinct key count, repeated keys, online thresholds above 1 and P-384 keys.
      const repo = TufRepository.create(path.resolve(dir), { clock, ...built, ...(expiryDays ? { expiryDays } : {}) });
      return changed(repo, onlineKeyWarnings(repo));
    },

    addKey: ({ dir, role, key }) => {
      const repo = open(dir);
      const k = tufKeyFromInput(key);
      repo.addKey(role, k);
      return changed(repo, onlineKeyWarnings(repo, k));
    },

    removeKey: ({ dir, role, key }) => {
      const repo = open(dir);
      repo.removeKey(role, resolveKeyId(repo, role, key));
      return changed(repo);
    },

    setThreshold: ({ dir, role, threshold }) => {
      const repo = open(dir);
      repo.setThreshold(role, threshold);
      return changed(repo);
    },

    setExpiry: ({ dir, role, days }) => {
      const repo = open(dir);
      const period = isTopLevelRole(role) ? role : 'delegated';
      repo.setExpiryPeriod(period, days);
      // Offline roles are re-staged with the new expiry; online roles take it at the next publish or refresh.
      if (role !== 'snapshot' && role !== 'timestamp') repo.stageRole(role, new Date(clock.now().getTime() + days * DAY_MS));
      return changed(repo);
    },

    addTarget: ({ dir, path: targetPath, contentBase64, role }) => {
      const repo = open(dir);
      repo.addTarget(targetPath, fromBase64(contentBase64), role ? { role } : {});
      return changed(repo);
    },

    removeTarget: ({ dir, path: targetPath, role }) => {
      const repo = open(dir);
      repo.removeTarget(targetPath, role ? { role } : {});
      return changed(repo);
    },

    delegate: ({ dir, name, keys: keyInputs, threshold, paths, terminating }) => {
      const repo = open(dir);
      const k = keyInputs.map(tufKeyFromInput);
      repo.addDelegation(name, { keys: k, threshold, paths, ...(terminating !== undefined ? { terminating } : {}) });
      return changed(repo);
    },

    discard: ({ dir }) => {
      const repo = open(dir);
      repo.discardStaged();
      return repositoryStatus(repo);
    },

    requestSignatures: ({ dir, outDir }) => {
      const repo = open(dir);
      const requests = repo.requestSignatures();
      if (outDir) {
        if (fs.existsSync(outDir) && !fs.statSync(outDir).isDirectory()) {
          throw new TufError('FILE_EXISTS', `${outDir} is a file; give a directory for the signing requests.`, { details: { dir: outDir } });
        }
        fs.mkdirSync(outDir, { recursive: true });
      }
      return {
        requests: requests.map((r) => {
          let file = path.join(repo.layout.requests, requestFileName(r.role));
          if (outDir) {
            const out = path.resolve(outDir, requestFileName(r.role));
            fs.copyFileSync(file, out);
            file = out;
          }
          return { role: r.role, version: r.version, file, payloadSha256: r.payloadSha256, summary: r.diff.summary };
        }),
      };
    },

    review: (r): TufReview => {
      const req = readRequest(r);
      const bytes = payloadBytes(req);
      const owner = (id: string) => req.signers.find((s) => s.keyid === id)?.owner ?? id.slice(0, 8);
      return {
        role: req.role,
        version: req.version,
        expires: req.expires,
        payloadSha256: toHex(sha256(bytes)),
        payloadLength: bytes.length,
        diff: req.diff,
        signers: req.signers.map((s) => ({ keyid: s.keyid, owner: s.owner, publicKeyPem: signerPem(s) })),
        thresholds: req.thresholds.map((t) => ({ group: t.group, by: t.by, threshold: t.threshold, owners: t.keyids.map(owner) })),
      };
    },

    sign: async ({ requestFile, requestJson, signer, out }) => {
      const req = readRequest({ requestFile, requestJson });
      const signature = await withSigners([signer], keys, async ([s]) => {
        try {
          return await signRequest(req, s!);
        } catch (e) {
          // Name the chosen key by its label and key ID (not its raw URI) and list the keys that may sign.
          if (e instanceof TufError && e.code === 'KEY_NOT_IN_ROLE') throw await notInRoleError(req, signer, s!, e);
          throw e;
        }
      });
      const who = req.signers.find((x) => x.keyid === signature.keyid)?.owner ?? signature.keyid.slice(0, 8);
      let file: string | null = null;
      if (out) {
        file = path.resolve(out);
        try {
          fs.writeFileSync(file, `${JSON.stringify(signature, null, 1)}\n`, { flag: 'wx' });
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new TufError('FILE_EXISTS', `${file} already exists; choose another name.`, { cause: e });
          if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new TufError('FILE_NOT_FOUND', `Cannot write ${file}: its directory does not exist.`, { cause: e });
          if ((e as NodeJS.ErrnoException).code === 'EISDIR') throw new TufError('FILE_EXISTS', `${file} is a directory; give a file name for the signature.`, { cause: e });
          throw e;
        }
      }
      return { signature, file, signer: who };
    },

    importSignatures: ({ dir, signatures }) => {
      const repo = open(dir);
      const imported: TufImportResult[] = [];
      for (const s of signatures) {
        try {
          const json = parseJsonObject(fromBase64(s.contentBase64), s.name);
          const result = importSignature(repo.sessionDir, json);
          const signer = keyOwnerOf(repo, result.role, result.keyids[0]);
          imported.push({
            name: s.name,
            role: result.role,
            version: result.version,
            signer,
            ...(result.alreadyImported ? { alreadyImported: true } : {}),
            progress: progressOf(result.status),
          });
        } catch (e) {
          if (e instanceof TufError) throw new TufError(e.code, `${s.name}: ${e.message}`, { cause: e, ...(e.details ? { details: e.details } : {}) });
          throw e;
        }
      }
      return { imported, status: repositoryStatus(repo) };
    },

    publish: async ({ dir, snapshot, timestamp }) => {
      const repo = open(dir);
      const result = await withSigners([snapshot, timestamp], keys, ([s, t]) => repo.publish({ snapshot: s!, timestamp: t! })).catch((e: unknown) => {
        throw onlineKeyError(e, { snapshot, timestamp });
      });
      return { ...result, status: repositoryStatus(repo) };
    },

    refreshOnline: async ({ dir, snapshot, timestamp }) => {
      const repo = open(dir);
      return withSigners([snapshot, timestamp], keys, ([s, t]) => repo.refreshOnline(s!, t!)).catch((e: unknown) => {
        throw onlineKeyError(e, { snapshot, timestamp });
      });
    },

    expiring: ({ dir, withinDays }) => {
      const repo = open(dir);
      const state = repo.state();
      const within = withinDays ?? 30;
      const now = clock.now();
      const roles: TufExpiryEntry[] = [];
      const add = (role: string, md: { signed: { version: number; expires: string } } | undefined, resign: 'offline' | 'online') => {
        if (!md) return;
        const daysLeft = Math.floor((Date.parse(md.signed.expires) - now.getTime()) / DAY_MS);
        roles.push({ role, version: md.signed.version, expires: md.signed.expires, daysLeft, expiring: daysLeft <= within, resign });
      };
      const p = state.published;
      add('root', p.root, 'offline');
      add('targets', p.targets, 'offline');
      for (const [name, md] of p.delegated) add(name, md, 'offline');
      add('snapshot', p.snapshot, 'online');
      add('timestamp', p.timestamp, 'online');
      roles.sort((a, b) => Date.parse(a.expires) - Date.parse(b.expires));
      return { at: now.toISOString(), withinDays: within, roles };
    },

    verify: async ({ root, repo, at, stateDir, targets, timeoutSeconds }) => {
      let when: Date | undefined;
      if (at !== undefined) {
        when = new Date(at);
        if (Number.isNaN(when.getTime())) throw new TufInputError('TIME_INVALID', `"${at}" is not a time; use e.g. 2025-02-09T12:02:08Z.`);
      }
      return verifyPublished({
        firstRoot: new Uint8Array(readInputFile(root, 'The trusted root')),
        repo,
        clock,
        ...(when ? { at: when } : {}),
        ...(stateDir ? { stateDir } : {}),
        ...(targets ? { targets } : {}),
        ...(timeoutSeconds ? { timeoutMs: Math.round(timeoutSeconds * 1000) } : {}),
      });
    },
  };
}

/** A request signer's public key as SPKI PEM, so the GUI can tell which of the user's keys may sign. */
function signerPem(s: SigningRequest['signers'][number]): string | null {
  try {
    return toPem(spkiOfTufKey(Key.fromJSON(s.keyid, s.key as JSONObject)), 'PUBLIC KEY');
  } catch {
    return null;
  }
}

/** The owner of the key that signed (for the import report). */
function keyOwnerOf(repo: TufRepository, role: string, keyid: string | undefined): string {
  if (!keyid) return '?';
  const state = repo.state();
  const root = finalRoot(state)?.signed;
  const key = root?.keys[keyid] ?? state.published.root?.signed.keys[keyid] ?? finalTargets(state)?.signed.delegations?.keys[keyid];
  return key ? keyLabel(key) : `${keyid.slice(0, 8)} (${role})`;
}
