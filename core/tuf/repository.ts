// A TUF repository in a working directory: edits stage new versions of root, targets and delegated roles
// (version + 1, fresh expiry); signatures are gathered offline (signing-request.ts) and publish.ts releases them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Metadata, Root, Targets, type Key } from '@tufjs/models';
import type { Clock } from '../clock';
import type { Signer } from '../keys/signer';
import { TufError } from './errors';
import { expiresIn, expiryDaysFor, tufTime, type ExpiryPolicy } from './expiry';
import { ownEntry, putEntry } from './metadata-json';
import { publishRepository, refreshOnlineRoles, type OnlineExpiry, type PublishResult } from './publish';
import { loadRepoConfig, newRepoConfig, saveRepoConfig, type RepoConfig } from './repo-config';
import { assertDelegatedRoleName, isTopLevelRole, repoLayout, TOP_LEVEL_ROLES, type RepoLayout } from './repo-layout';
import { finalDelegated, finalTargets, loadState, saveStagedMetadata, stagedMetadataFile, stagedRoleNames, type RepoState } from './repo-state';
import { assertClientSupportedKeys, assertNoDuplicateKeys, assertNotAlreadyInRole, assertThresholdReachable } from './role-key-policy';
import { keysOf } from './role-keys';
import { requestFileName, writeSigningRequests, type SigningRequest } from './signing-request';
import { targetFileFromBytes } from './target-file';
import { repositoryThresholdStatus, type ThresholdStatus } from './threshold-status';
import { assertKeyId, keyLabel } from './tuf-key';
import { DelegatedRole, Delegations, Role } from './tuf-models';

export interface RoleKeysInput {
  keys: Key[];
  threshold: number;
}

export interface CreateRepositoryOptions {
  clock: Clock;
  root: RoleKeysInput;
  targets: RoleKeysInput;
  /** Online roles: signed automatically at publish by the online Signer(s). */
  snapshot: RoleKeysInput;
  timestamp: RoleKeysInput;
  expiryDays?: Partial<ExpiryPolicy>;
}

export interface DelegationInput extends RoleKeysInput {
  /** Target path patterns the role is trusted for (TUF 4.5 "paths"). */
  paths: string[];
  terminating?: boolean;
}

function assertThreshold(role: string, threshold: number): void {
  if (!Number.isInteger(threshold) || threshold < 1) {
    throw new TufError('THRESHOLD_INVALID', `The threshold of ${role} must be a whole number of at least 1.`, { details: { role, threshold } });
  }
}

/** Everything a new role's keys and threshold must satisfy (role-key-policy.ts), checked before anything is written. */
function assertRoleKeysInput(role: string, input: RoleKeysInput): void {
  assertThreshold(role, input.threshold);
  input.keys.forEach(assertKeyId);
  assertNoDuplicateKeys(role, input.keys);
  assertClientSupportedKeys(role, input.keys);
  assertThresholdReachable(role, input.threshold, input.keys);
}

function keyLabelOf(key: Key | undefined, keyId: string): string {
  return key ? keyLabel(key) : keyId.slice(0, 8);
}

export class TufRepository {
  private constructor(
    readonly layout: RepoLayout,
    private config: RepoConfig,
    private readonly clock: Clock,
  ) {}

  /** Creates the working directory with a staged root v1 and targets v1 (consistent snapshots on). */
  static create(dir: string, options: CreateRepositoryOptions): TufRepository {
    const layout = repoLayout(dir);
    if (fs.existsSync(layout.config)) throw new TufError('REPO_EXISTS', `${dir} already holds a TUF repository.`, { details: { dir } });
    if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) {
      throw new TufError('FILE_EXISTS', `${dir} is a file, not a directory; give a new or empty directory for the repository.`, { details: { dir } });
    }
    // Every role is checked before anything is written, so a refused create leaves no directory behind.
    for (const role of TOP_LEVEL_ROLES) assertRoleKeysInput(role, options[role]);
    fs.mkdirSync(dir, { recursive: true });
    const repo = new TufRepository(layout, newRepoConfig(options.expiryDays), options.clock);
    const root = new Root({ version: 1, specVersion: '', expires: expiresIn(options.clock, repo.config.expiryDays.root), consistentSnapshot: true });
    for (const role of TOP_LEVEL_ROLES) {
      const input = options[role];
      for (const key of input.keys) root.addKey(key, role);
      root.roles[role] = new Role({ keyIDs: root.roles[role]!.keyIDs, threshold: input.threshold });
    }
    const targets = new Targets({ version: 1, specVersion: '', expires: expiresIn(options.clock, repo.config.expiryDays.targets) });
    saveStagedMetadata(layout.stagedMetadata, 'root', new Metadata(root));
    saveStagedMetadata(layout.stagedMetadata, 'targets', new Metadata(targets));
    saveRepoConfig(layout.config, repo.config);
    return repo;
  }

  static open(dir: string, options: { clock: Clock }): TufRepository {
    const layout = repoLayout(dir);
    return new TufRepository(layout, loadRepoConfig(layout.config), options.clock);
  }

  /** Where signing requests and staged metadata live; give it to importSignature(). */
  get sessionDir(): string {
    return this.layout.sessionDir;
  }

  state(): RepoState {
    return loadState(this.layout);
  }

  stagedRoles(): string[] {
    return stagedRoleNames(this.state());
  }

  get expiryDays(): Readonly<ExpiryPolicy> {
    return this.config.expiryDays;
  }

  setExpiryPeriod(role: keyof ExpiryPolicy, days: number): void {
    this.config = { ...this.config, expiryDays: { ...this.config.expiryDays, [role]: days } };
    saveRepoConfig(this.layout.config, this.config);
  }

  // ---- staging -------------------------------------------------------------------------------------------

  /** The staged root (created from the published one as version + 1 with a fresh expiry), edited by `edit`. */
  private editRoot(edit: (root: Root) => void, expires?: string): void {
    const state = this.state();
    const base = state.staged.root ?? state.published.root;
    if (!base) throw new TufError('REPO_NOT_FOUND', 'The repository has no root metadata.');
    const json = base.signed.toJSON();
    if (!state.staged.root) {
      json['version'] = base.signed.version + 1;
      json['expires'] = expiresIn(this.clock, this.config.expiryDays.root);
    }
    if (expires) json['expires'] = expires;
    const root = Root.fromJSON(json);
    edit(root);
    this.saveStaged('root', new Metadata(root));
  }

  private editTargets(role: string, edit: (targets: Targets) => Targets | void, expires?: string): void {
    const state = this.state();
    const staged = role === 'targets' ? state.staged.targets : state.staged.delegated.get(role);
    const base = staged ?? (role === 'targets' ? state.published.targets : state.published.delegated.get(role));
    if (!base) throw new TufError('ROLE_UNKNOWN', `No "${role}" targets metadata to edit.`, { details: { role } });
    // A new Targets over a copy of the target map (the state was loaded for this edit alone and is dropped after it,
    // so sharing its TargetFile and delegation objects is safe): one pass over the targets, not a JSON round trip.
    const { specVersion, unrecognizedFields, delegations } = base.signed;
    const targets = new Targets({
      version: staged ? base.signed.version : base.signed.version + 1,
      specVersion,
      expires: expires ? expires : staged ? base.signed.expires : expiresIn(this.clock, expiryDaysFor(this.config.expiryDays, role)),
      unrecognizedFields,
      targets: { ...base.signed.targets },
      delegations,
    });
    this.saveStaged(role, new Metadata(edit(targets) ?? targets));
  }

  /** Saves staged metadata WITHOUT signatures: any change invalidates what was signed and its request. */
  private saveStaged(role: string, md: Metadata<Root | Targets>): void {
    saveStagedMetadata(this.layout.stagedMetadata, role, md);
    fs.rmSync(path.join(this.layout.requests, requestFileName(role)), { force: true });
  }

  private editDelegations(edit: (d: Delegations) => Delegations): void {
    this.editTargets('targets', (t) => {
      const current = t.delegations ?? new Delegations({ keys: {}, roles: {} });
      const { version, specVersion, expires, unrecognizedFields, targets } = t;
      return new Targets({ version, specVersion, expires, unrecognizedFields, targets, delegations: edit(current) });
    });
  }

  /** Stages `role` unchanged but for version + 1 and a fresh (or given) expiry: the periodic re-signing. */
  stageRole(role: string, expires?: Date): void {
    const e = expires ? tufTime(expires) : undefined;
    if (role === 'root') this.editRoot(() => undefined, e ?? expiresIn(this.clock, this.config.expiryDays.root));
    else if (role === 'snapshot' || role === 'timestamp') {
      throw new TufError('ROLE_UNKNOWN', `${role} is an online role: it is re-signed by refreshing the online roles (rootsmith tuf refresh-online), not in a signing session.`, { details: { role } });
    }
    else this.editTargets(role, () => undefined, e ?? expiresIn(this.clock, expiryDaysFor(this.config.expiryDays, role)));
  }

  addKey(role: string, key: Key): void {
    assertKeyId(key);
    assertClientSupportedKeys(role, [key]);
    if (isTopLevelRole(role)) {
      this.editRoot((root) => {
        assertNotAlreadyInRole(role, key, keysOf(root.roles[role]!.keyIDs, root.keys));
        root.addKey(key, role);
      });
      return;
    }
    this.editDelegations((d) => {
      const r = d.roles?.[role];
      if (!r) throw new TufError('ROLE_UNKNOWN', `No delegated role "${role}".`, { details: { role } });
      assertNotAlreadyInRole(role, key, keysOf(r.keyIDs, d.keys));
      d.keys[key.keyID] = key;
      d.roles![role] = new DelegatedRole({ ...r, keyIDs: [...new Set([...r.keyIDs, key.keyID])] });
      return d;
    });
  }

  removeKey(role: string, keyId: string): void {
    if (isTopLevelRole(role)) {
      this.editRoot((root) => {
        const r = root.roles[role]!;
        if (!r.keyIDs.includes(keyId)) throw new TufError('KEY_NOT_FOUND', `Key ${keyId} is not a ${role} key.`, { details: { role, keyid: keyId } });
        const left = r.keyIDs.filter((k) => k !== keyId);
        assertThresholdReachable(role, r.threshold, keysOf(left, root.keys), `After removing ${keyLabelOf(root.keys[keyId], keyId)}, `);
        root.roles[role] = new Role({ keyIDs: left, threshold: r.threshold, unrecognizedFields: r.unrecognizedFields });
        if (!Object.values(root.roles).some((x) => x.keyIDs.includes(keyId))) delete root.keys[keyId];
      });
      return;
    }
    this.editDelegations((d) => {
      const r = d.roles?.[role];
      if (!r || !r.keyIDs.includes(keyId)) throw new TufError('KEY_NOT_FOUND', `Key ${keyId} is not a ${role} key.`, { details: { role, keyid: keyId } });
      const left = r.keyIDs.filter((k) => k !== keyId);
      assertThresholdReachable(role, r.threshold, keysOf(left, d.keys), `After removing ${keyLabelOf(d.keys[keyId], keyId)}, `);
      d.roles![role] = new DelegatedRole({ ...r, keyIDs: left });
      if (!Object.values(d.roles!).some((x) => x.keyIDs.includes(keyId))) delete d.keys[keyId];
      return d;
    });
  }

  setThreshold(role: string, threshold: number): void {
    assertThreshold(role, threshold);
    if (isTopLevelRole(role)) {
      this.editRoot((root) => {
        const r = root.roles[role]!;
        assertThresholdReachable(role, threshold, keysOf(r.keyIDs, root.keys));
        root.roles[role] = new Role({ keyIDs: r.keyIDs, threshold, unrecognizedFields: r.unrecognizedFields });
      });
      return;
    }
    this.editDelegations((d) => {
      const r = d.roles?.[role];
      if (!r) throw new TufError('ROLE_UNKNOWN', `No delegated role "${role}".`, { details: { role } });
      assertThresholdReachable(role, threshold, keysOf(r.keyIDs, d.keys));
      d.roles![role] = new DelegatedRole({ ...r, threshold });
      return d;
    });
  }

  /** Stores the bytes in the session and lists them (length, sha256, sha512) in `role` (default "targets"). */
  addTarget(targetPath: string, bytes: Uint8Array, options: { role?: string } = {}): void {
    this.addTargets([{ path: targetPath, bytes }], options);
  }

  /**
   * addTarget for many files in one staged edit: the role's metadata is loaded and saved once, not once per file
   * (which would make adding n targets O(n²)). Every path and the role are checked before anything is written.
   */
  addTargets(files: Iterable<{ path: string; bytes: Uint8Array }>, options: { role?: string } = {}): void {
    const entries = [...files].map((f) => ({ file: targetFileFromBytes(f.path, f.bytes), bytes: f.bytes }));
    if (entries.length === 0) return;
    this.editTargets(options.role ?? 'targets', (t) => {
      fs.mkdirSync(this.layout.blobs, { recursive: true });
      for (const { file, bytes } of entries) {
        fs.writeFileSync(path.join(this.layout.blobs, file.hashes['sha256']!), bytes);
        putEntry(t.targets, file.path, file);
      }
    });
  }

  removeTarget(targetPath: string, options: { role?: string } = {}): void {
    this.editTargets(options.role ?? 'targets', (t) => {
      if (!ownEntry(t.targets, targetPath)) throw new TufError('TARGET_NOT_FOUND', `No target "${targetPath}" to remove.`, { details: { path: targetPath } });
      delete t.targets[targetPath];
    });
  }

  /** Delegates `paths` to a new targets role with its own keys and threshold; stages its empty version 1. */
  addDelegation(name: string, input: DelegationInput): void {
    assertDelegatedRoleName(name);
    assertRoleKeysInput(name, input);
    this.editDelegations((d) => {
      if (d.roles?.[name]) throw new TufError('ROLE_UNKNOWN', `Delegated role "${name}" already exists.`, { details: { role: name } });
      for (const key of input.keys) d.keys[key.keyID] = key;
      const role = new DelegatedRole({
        name,
        keyIDs: input.keys.map((k) => k.keyID),
        threshold: input.threshold,
        terminating: input.terminating ?? false,
        paths: input.paths,
      });
      return new Delegations({ keys: d.keys, roles: { ...(d.roles ?? {}), [name]: role } });
    });
    const expires = expiresIn(this.clock, this.config.expiryDays.delegated);
    this.saveStaged(name, new Metadata(new Targets({ version: 1, specVersion: '', expires })));
  }

  removeDelegation(name: string): void {
    this.editDelegations((d) => {
      if (!d.roles?.[name]) throw new TufError('ROLE_UNKNOWN', `No delegated role "${name}".`, { details: { role: name } });
      const roles = { ...d.roles };
      delete roles[name];
      const used = new Set(Object.values(roles).flatMap((r) => r.keyIDs));
      const keys = Object.fromEntries(Object.entries(d.keys).filter(([id]) => used.has(id)));
      return new Delegations({ keys, roles });
    });
    fs.rmSync(stagedMetadataFile(this.layout.stagedMetadata, name), { force: true });
    fs.rmSync(path.join(this.layout.requests, requestFileName(name)), { force: true });
  }

  /** Drops every staged change, request and collected signature. */
  discardStaged(): void {
    fs.rmSync(this.layout.sessionDir, { recursive: true, force: true });
  }

  /** Targets the final (staged or published) top-level targets role lists. */
  targetPaths(role = 'targets'): string[] {
    const state = this.state();
    const md = role === 'targets' ? finalTargets(state) : finalDelegated(state, role);
    return Object.keys(md?.signed.targets ?? {});
  }

  // ---- signing and publishing ----------------------------------------------------------------------------

  /** Writes one signing request per staged role into the session directory and returns them. */
  requestSignatures(): SigningRequest[] {
    return writeSigningRequests(this.layout, this.state());
  }

  thresholdStatus(): ThresholdStatus[] {
    return repositoryThresholdStatus(this.state());
  }

  publish(signers: { snapshot: Signer; timestamp: Signer }): Promise<PublishResult> {
    return publishRepository(this.layout, this.config, this.clock, signers);
  }

  /** Re-signs snapshot and timestamp with the online keys (new versions, fresh expiry): the cron job. */
  refreshOnline(snapshotSigner: Signer, timestampSigner: Signer, expiry: OnlineExpiry = {}): Promise<PublishResult> {
    return refreshOnlineRoles(this.layout, this.config, this.clock, { snapshot: snapshotSigner, timestamp: timestampSigner }, expiry);
  }
}
