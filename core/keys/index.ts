// Public API of core/keys: signers (PKCS#11 and software), PKCS#11 URIs, SPKI helpers and typed errors.
export * from './signer';
export * from './errors';
export * from './spki';
export * from './software-signer';
export { FINGERPRINT_WORDS } from './wordlist';
export * from './pkcs11-uri';
export { DEFAULT_MODULE_PATH, openPkcs11Module, Pkcs11Module } from './pkcs11-module';
export type { LibraryOptions, ModuleInfo, TokenSelector } from './pkcs11-module';
export type { TokenInfo, TokenFlags, TokenMechanisms } from './pkcs11-tokens';
export { Pkcs11Session } from './pkcs11-session';
export type { GenerateKeyPairOptions } from './pkcs11-keygen';
export type { KeyInfo } from './pkcs11-keys';
export type { CurveName } from './pkcs11-constants';
export { Pkcs11Signer, ecdsaRawToDer } from './pkcs11-signer';
export { openSigner } from './open-signer';
export type { OpenSignerOptions, ClosableSigner } from './open-signer';
export { createTestToken } from './test-token';
export type { TestToken, TestTokenOptions } from './test-token';
