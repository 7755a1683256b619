// Public API of core/ca: the test OIDC issuer and token verification, the Fulcio-profile CA with embedded
// SCTs, and the RFC 6962 CT log for precertificates.
export * from './errors';
export { type Jwk, type Jwks, type JsonObject, decodeJws, jwkFromSpki, jwkThumbprint, parseJwks } from './jose';
export { TestOidcIssuer, TEST_ISSUER_NOTICE, SIGSTORE_AUDIENCE, DEFAULT_TOKEN_LIFETIME_SECONDS, OIDC_PATHS, type DiscoveryDocument, type MintRequest } from './oidc-issuer';
export { verifyIdentityToken, peekIssuer, type VerifyTokenOptions, type VerifiedToken } from './oidc-verify';
export { parsePublicKeyContent, challengeOf, checkProofOfPossession } from './proof-of-possession';
export { FulcioCa, type FulcioCaOptions, type SigningCertRequest, type IssuedSigningCert } from './fulcio-ca';
export { CtLog, verifySct, MAX_ENTRIES_PER_REQUEST, type CtLogOptions, type AddedPrecert, type SignedTreeHead, type CtEntry, type PrecertSubmitter } from './ctlog/ct-log';
export { OID_CT_POISON, OID_CT_SCT_LIST, preCertOf, tbsWithout, issuerKeyHash } from './ctlog/precert';
export { encodeSct, decodeSct, encodeSctList, digitallySigned, sctSignatureInput, merkleTreeLeaf, treeHeadSignatureInput, type Sct, type PreCert } from './ctlog/tls';
