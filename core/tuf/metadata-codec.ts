// Linear-time JSON <-> @tufjs/models for TUF metadata. Why this module exists: @tufjs/models 4 builds its maps
// (Targets.targets, Snapshot.meta, Delegations.keys and roles) with `reduce((acc, x) => ({ ...acc, [k]: x }))`, which
// copies the whole map for every entry: O(n²) both ways (4,000 targets: 4.5 s each way; 100,000: most of an hour).
// The models still do all the parsing here: the envelope (Metadata.fromJSON/toJSON), the common and unknown fields
// (X.fromJSON/toJSON over the metadata with its big maps set aside) and every entry (TargetFile, MetaFile, Key,
// DelegatedRole .fromJSON/.toJSON). Only the loops that gather entries into a map are ours, adding in place in the
// same order, so the output is the models' own; metadata-codec.test.ts proves deep and canonical-byte equality.
import { Key, Metadata, MetadataKind, MetaFile, Root, Snapshot, TargetFile, Targets, Timestamp } from '@tufjs/models';
import { putEntry, type JSONObject } from './metadata-json';
import { DelegatedRole, Delegations, isObject, isObjectArray, isObjectRecord } from './tuf-models';

export type AnySigned = Root | Targets | Snapshot | Timestamp;
type Kind = MetadataKind.Root | MetadataKind.Targets | MetadataKind.Snapshot | MetadataKind.Timestamp;

function mapEntries<T>(data: object, build: (key: string, value: never) => T): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(data)) putEntry(out, k, build(k, v as never));
  return out;
}

function without(data: JSONObject, keys: readonly string[]): JSONObject {
  const rest = { ...data };
  for (const k of keys) delete rest[k];
  return rest;
}

const hasOwn = (o: object | undefined, key: string): boolean => o !== undefined && Object.prototype.hasOwnProperty.call(o, key);

// ---- fromJSON ------------------------------------------------------------------------------------------------

function delegationsFromJSON(data: unknown): Delegations {
  if (!isObject(data)) throw new TypeError('delegations must be an object');
  const json = data as JSONObject;
  // succinct_roles and the unknown fields by the model; then keys and roles, in the model's order of checks.
  const shell = Delegations.fromJSON({ ...without(json, ['keys', 'roles']), keys: {} });
  if (!isObjectRecord(json['keys'])) throw new TypeError('keys is malformed');
  const keys = mapEntries(json['keys'], (id, k: JSONObject) => Key.fromJSON(id, k));
  let roles: Record<string, DelegatedRole> | undefined;
  if (json['roles'] !== undefined) {
    if (!isObjectArray(json['roles'])) throw new TypeError('roles is malformed');
    roles = {};
    // A repeated name keeps its first position and its last value, as the models' spread does.
    for (const r of json['roles'] as JSONObject[]) {
      const role = DelegatedRole.fromJSON(r);
      putEntry(roles, role.name, role);
    }
  }
  // The constructor refuses delegated roles named like top-level roles.
  return new Delegations({ keys, roles, succinctRoles: shell.succinctRoles, unrecognizedFields: shell.unrecognizedFields });
}

/** `shell` (parsed by the model without its maps) with the targets and delegations of `json`. */
function withTargetMaps(shell: Targets, json: JSONObject): Targets {
  const { targets, delegations } = json;
  if (targets !== undefined && !isObjectRecord(targets)) throw new TypeError('targets must be an object');
  return new Targets({
    version: shell.version,
    specVersion: shell.specVersion,
    expires: shell.expires,
    unrecognizedFields: shell.unrecognizedFields,
    targets: targets === undefined ? undefined : mapEntries(targets, (p, t: JSONObject) => TargetFile.fromJSON(p, t)),
    delegations: delegations === undefined ? undefined : delegationsFromJSON(delegations),
  });
}

function withSnapshotMeta(shell: Snapshot, json: JSONObject): Snapshot {
  const { meta } = json;
  if (meta === undefined) return shell; // the model's default meta (targets.json v1) stays
  if (!isObjectRecord(meta)) throw new TypeError('meta field is malformed');
  return new Snapshot({
    version: shell.version,
    specVersion: shell.specVersion,
    expires: shell.expires,
    unrecognizedFields: shell.unrecognizedFields,
    meta: mapEntries(meta, (_, m: JSONObject) => MetaFile.fromJSON(m)),
  });
}

/** Targets.fromJSON in linear time (the `signed` part of targets metadata). */
export function targetsFromJSON(json: JSONObject): Targets {
  return withTargetMaps(Targets.fromJSON(without(json, ['targets', 'delegations'])), json);
}

export function metadataFromJSON(kind: MetadataKind.Root, json: JSONObject): Metadata<Root>;
export function metadataFromJSON(kind: MetadataKind.Targets, json: JSONObject): Metadata<Targets>;
export function metadataFromJSON(kind: MetadataKind.Snapshot, json: JSONObject): Metadata<Snapshot>;
export function metadataFromJSON(kind: MetadataKind.Timestamp, json: JSONObject): Metadata<Timestamp>;
/**
 * Metadata.fromJSON in linear time. The envelope (type check, signatures, unknown fields) is checked by the model
 * over `signed` without its maps first, so a file wrong in both places reports the envelope error first.
 */
export function metadataFromJSON(kind: Kind, json: JSONObject): Metadata<AnySigned> {
  const signed = json['signed'];
  // Root and timestamp have no map that grows with the repository; anything not an object is the model's to refuse.
  if (!isObject(signed) || Array.isArray(signed)) return Metadata.fromJSON(kind as MetadataKind.Root, json);
  const s = signed as JSONObject;
  switch (kind) {
    case MetadataKind.Root:
      return Metadata.fromJSON(kind, json);
    case MetadataKind.Timestamp:
      return Metadata.fromJSON(kind, json);
    case MetadataKind.Targets: {
      const md = Metadata.fromJSON(kind, { ...json, signed: without(s, ['targets', 'delegations']) });
      return new Metadata(withTargetMaps(md.signed, s), md.signatures, md.unrecognizedFields);
    }
    case MetadataKind.Snapshot: {
      const md = Metadata.fromJSON(kind, { ...json, signed: without(s, ['meta']) });
      return new Metadata(withSnapshotMeta(md.signed, s), md.signatures, md.unrecognizedFields);
    }
  }
}

// ---- toJSON --------------------------------------------------------------------------------------------------
// The model's own toJSON runs over a view (Object.create) whose big maps are empty; each map is then emitted here
// into the key the model wrote, which keeps its position. An unknown field of the same name wins, as in the model.

function delegationsToJSON(d: Delegations): JSONObject {
  const json = Delegations.prototype.toJSON.call(Object.create(d, { keys: { value: {} } }) as Delegations);
  if (!hasOwn(d.unrecognizedFields, 'keys')) json['keys'] = mapEntries(d.keys, (_, k: Key) => k.toJSON());
  return json;
}

/** Targets#toJSON in linear time. */
export function targetsToJSON(t: Targets): JSONObject {
  const view = Object.create(t, { targets: { value: {} }, delegations: { value: undefined } }) as Targets;
  const json = Targets.prototype.toJSON.call(view);
  if (!hasOwn(t.unrecognizedFields, 'targets')) json['targets'] = mapEntries(t.targets, (_, f: TargetFile) => f.toJSON());
  if (t.delegations) json['delegations'] = delegationsToJSON(t.delegations);
  return json;
}

/** Snapshot#toJSON in linear time. */
export function snapshotToJSON(s: Snapshot): JSONObject {
  const json = Snapshot.prototype.toJSON.call(Object.create(s, { meta: { value: {} } }) as Snapshot);
  if (!hasOwn(s.unrecognizedFields, 'meta')) json['meta'] = mapEntries(s.meta, (_, m: MetaFile) => m.toJSON());
  return json;
}

/** `signed.toJSON()` in linear time: the object TUF signatures cover once canonicalised (TUF 4.2). */
export function signedToJSON(signed: AnySigned): JSONObject {
  if (signed instanceof Targets) return targetsToJSON(signed);
  if (signed instanceof Snapshot) return snapshotToJSON(signed);
  return signed.toJSON();
}

/** `md.toJSON()` in linear time. */
export function metadataToJSON(md: Metadata<AnySigned>): JSONObject {
  const signed = md.signed;
  const view = Object.create(md, { signed: { value: { toJSON: () => signedToJSON(signed) } } }) as Metadata<AnySigned>;
  return Metadata.prototype.toJSON.call(view);
}
