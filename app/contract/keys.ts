// The keys service: PKCS#11 modules, tokens, login sessions and key generation. PINs travel only in the one
// request that needs them (login, createTestToken) and are never echoed back.
import { z } from 'zod';

const modulePath = z.string().min(1, 'module path is empty').max(4096).optional();
const tokenLabel = z.string().min(1, 'token label is empty').max(32, 'a PKCS#11 token label has at most 32 characters');
/** A token's user PIN, with the limits every request that carries one uses (keys, stack.start). */
export const pinSchema = z.string().min(4, 'PIN must have at least 4 characters').max(255);
const pin = pinSchema;
export const keyCurves = ['p256', 'p384', 'ed25519'] as const;

export const keysSchemas = {
  tokens: z.object({ module: modulePath }).strict(),
  login: z.object({ module: modulePath, token: tokenLabel, pin }).strict(),
  logout: z.object({ module: modulePath, token: tokenLabel }).strict(),
  list: z.object({ module: modulePath, token: tokenLabel }).strict(),
  generate: z
    .object({
      module: modulePath,
      token: tokenLabel,
      label: z.string().min(1, 'key label is empty').max(128),
      curve: z.enum(keyCurves),
      id: z.string().regex(/^([0-9a-fA-F]{2})+$/, 'key ID must be hex bytes').max(128).optional(),
    })
    .strict(),
  createTestToken: z
    .object({
      dir: z.string().min(1).max(4096).optional(),
      label: tokenLabel,
      pin,
      soPin: pin,
    })
    .strict(),
} as const;

export type KeyCurve = (typeof keyCurves)[number];

export interface ModuleInfo {
  path: string;
  description: string;
  manufacturer: string;
  version: string;
}

export interface TokenSummary {
  slotId: string;
  slotDescription: string;
  label: string;
  manufacturer: string;
  model: string;
  serial: string;
  initialized: boolean;
  loginRequired: boolean;
  userPinLocked: boolean;
  userPinCountLow: boolean;
  userPinFinalTry: boolean;
  loggedIn: boolean;
  mechanisms: { ecKeyGen: boolean; ecdsa: boolean; eddsa: boolean };
}

export interface Fingerprint {
  sha256Hex: string;
  words: string;
}

export interface KeySummary {
  label: string;
  idHex: string;
  algorithm: 'ecdsa-p256' | 'ecdsa-p384' | 'ed25519' | 'unknown';
  uri: string;
  hasPrivateKey: boolean;
  extractable: boolean | null;
  sensitive: boolean | null;
  publicKeyPem: string | null;
  fingerprint: Fingerprint | null;
}

export interface KeysResponses {
  tokens: { module: ModuleInfo; tokens: TokenSummary[] };
  login: { token: string; loggedIn: true };
  logout: { token: string; loggedIn: false };
  list: { token: string; keys: KeySummary[] };
  generate: KeySummary;
  createTestToken: { dir: string; conf: string; module: string; label: string };
}
