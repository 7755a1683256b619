// Encrypted PKCS#8 for new software key files (RFC 5958 3 EncryptedPrivateKeyInfo, RFC 8018 6.2 PBES2):
// PBKDF2-HMAC-SHA256 with a strong iteration count + AES-256-CBC. node's KeyObject.export uses 2048 iterations
// and cannot be told otherwise, so the structure is built here with @peculiar/asn1-schema. Reading stays node's.
import { randomBytes, createCipheriv, pbkdf2, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { AsnConvert, AsnPropTypes, AsnProp, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { toPem } from '../bytes';

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about 0.1-0.2 s on a laptop core, paid once per key load. */
export const PBKDF2_ITERATIONS = 600_000;

const OID = {
  pbes2: '1.2.840.113549.1.5.13', // RFC 8018 A.4
  pbkdf2: '1.2.840.113549.1.5.12', // RFC 8018 A.2
  hmacWithSHA256: '1.2.840.113549.2.9', // RFC 8018 B.1.2
  aes256Cbc: '2.16.840.1.101.3.4.1.42', // NIST CSOR, RFC 3565 4.1 (parameters: the 16-byte IV)
} as const;

/**
 * PBKDF2-params ::= SEQUENCE { salt CHOICE { specified OCTET STRING, ... }, iterationCount INTEGER,
 *   keyLength INTEGER OPTIONAL, prf AlgorithmIdentifier DEFAULT algid-hmacWithSHA1 }   (RFC 8018 A.2)
 * Only the `specified` salt is written; `prf` is always present because SHA-256 is not the default.
 */
class Pbkdf2Params {
  salt = new OctetString();
  iterationCount = 0;
  prf = new AlgorithmIdentifier();
}
AsnProp({ type: OctetString })(Pbkdf2Params.prototype, 'salt');
AsnProp({ type: AsnPropTypes.Integer })(Pbkdf2Params.prototype, 'iterationCount');
AsnProp({ type: AlgorithmIdentifier })(Pbkdf2Params.prototype, 'prf');

/** PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier, encryptionScheme AlgorithmIdentifier } (RFC 8018 A.4) */
class Pbes2Params {
  keyDerivationFunc = new AlgorithmIdentifier();
  encryptionScheme = new AlgorithmIdentifier();
}
AsnProp({ type: AlgorithmIdentifier })(Pbes2Params.prototype, 'keyDerivationFunc');
AsnProp({ type: AlgorithmIdentifier })(Pbes2Params.prototype, 'encryptionScheme');

/** EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm AlgorithmIdentifier, encryptedData OCTET STRING } (RFC 5958 3) */
class EncryptedPrivateKeyInfo {
  encryptionAlgorithm = new AlgorithmIdentifier();
  encryptedData = new OctetString();
}
AsnProp({ type: AlgorithmIdentifier })(EncryptedPrivateKeyInfo.prototype, 'encryptionAlgorithm');
AsnProp({ type: OctetString })(EncryptedPrivateKeyInfo.prototype, 'encryptedData');

function der(value: object): ArrayBuffer {
  return AsnConvert.serialize(value);
}

/** `privateKey` as an "ENCRYPTED PRIVATE KEY" PEM under `passphrase` (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC). */
export async function encryptPrivateKeyPem(privateKey: KeyObject, passphrase: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const key = await promisify(pbkdf2)(Buffer.from(passphrase, 'utf8'), salt, iterations, 32, 'sha256');
  const plain = privateKey.export({ type: 'pkcs8', format: 'der' });
  let encrypted: Buffer;
  try {
    const cipher = createCipheriv('aes-256-cbc', key, iv);
    encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
  } finally {
    plain.fill(0);
    key.fill(0);
  }
  const kdf = Object.assign(new Pbkdf2Params(), {
    salt: new OctetString(salt),
    iterationCount: iterations,
    // hmacWithSHA256 takes NULL parameters (RFC 8018 B.1.2), as OpenSSL writes them.
    prf: new AlgorithmIdentifier({ algorithm: OID.hmacWithSHA256, parameters: null }),
  });
  const pbes2 = Object.assign(new Pbes2Params(), {
    keyDerivationFunc: new AlgorithmIdentifier({ algorithm: OID.pbkdf2, parameters: der(kdf) }),
    encryptionScheme: new AlgorithmIdentifier({ algorithm: OID.aes256Cbc, parameters: der(new OctetString(iv)) }),
  });
  const info = Object.assign(new EncryptedPrivateKeyInfo(), {
    encryptionAlgorithm: new AlgorithmIdentifier({ algorithm: OID.pbes2, parameters: der(pbes2) }),
    encryptedData: new OctetString(encrypted),
  });
  return toPem(new Uint8Array(der(info)), 'ENCRYPTED PRIVATE KEY');
}
