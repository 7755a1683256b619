// ASN.1 schemas the @peculiar packages lack: ESS signing-certificate attributes (RFC 2634 5.4, RFC 5816 2.2.1)
// and the DER SET OF Attribute that CMS signs (RFC 5652 5.4). Decorators are applied as plain calls so the
// schemas do not depend on the compiler's decorator mode (tsx and tsc disagree about it at the repo root).
import { AsnArray, AsnChoiceType, AsnIntegerArrayBufferConverter, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, GeneralNames } from '@peculiar/asn1-x509';
import { Attribute } from '@peculiar/asn1-cms';

/** IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber } */
export class IssuerSerial {
  issuer = new GeneralNames();
  serialNumber = new ArrayBuffer(0);
  constructor(params: Partial<IssuerSerial> = {}) {
    Object.assign(this, params);
  }
}
AsnProp({ type: GeneralNames })(IssuerSerial.prototype, 'issuer');
AsnProp({ type: AsnPropTypes.Integer, converter: AsnIntegerArrayBufferConverter })(IssuerSerial.prototype, 'serialNumber');

/**
 * ESSCertIDv2 ::= SEQUENCE {
 *   hashAlgorithm AlgorithmIdentifier DEFAULT {algorithm id-sha256},
 *   certHash      OCTET STRING,
 *   issuerSerial  IssuerSerial OPTIONAL }
 * `hashAlgorithm` undefined means the DEFAULT (SHA-256), which DER requires to be omitted.
 */
export class ESSCertIDv2 {
  hashAlgorithm?: AlgorithmIdentifier;
  certHash = new OctetString();
  issuerSerial?: IssuerSerial;
  constructor(params: Partial<ESSCertIDv2> = {}) {
    Object.assign(this, params);
  }
}
AsnProp({ type: AlgorithmIdentifier, optional: true })(ESSCertIDv2.prototype, 'hashAlgorithm');
AsnProp({ type: OctetString })(ESSCertIDv2.prototype, 'certHash');
AsnProp({ type: IssuerSerial, optional: true })(ESSCertIDv2.prototype, 'issuerSerial');

/** SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies SEQUENCE OF PolicyInformation OPTIONAL } */
export class SigningCertificateV2 {
  certs: ESSCertIDv2[] = [];
  constructor(params: Partial<SigningCertificateV2> = {}) {
    Object.assign(this, params);
  }
}
AsnProp({ type: ESSCertIDv2, repeated: 'sequence' })(SigningCertificateV2.prototype, 'certs');

/** ESSCertID ::= SEQUENCE { certHash OCTET STRING (SHA-1), issuerSerial IssuerSerial OPTIONAL } (RFC 2634 5.4.1) */
export class ESSCertID {
  certHash = new OctetString();
  issuerSerial?: IssuerSerial;
}
AsnProp({ type: OctetString })(ESSCertID.prototype, 'certHash');
AsnProp({ type: IssuerSerial, optional: true })(ESSCertID.prototype, 'issuerSerial');

/** SigningCertificate ::= SEQUENCE { certs SEQUENCE OF ESSCertID, policies ... OPTIONAL } (read only, for tokens of other TSAs) */
export class SigningCertificate {
  certs: ESSCertID[] = [];
}
AsnProp({ type: ESSCertID, repeated: 'sequence' })(SigningCertificate.prototype, 'certs');

/** SignedAttributes as the signature covers them: SET OF Attribute with its universal SET tag (RFC 5652 5.4). */
export class AttributeSet extends AsnArray<Attribute> {
  constructor(items?: Attribute[]) {
    super(items);
    Object.setPrototypeOf(this, AttributeSet.prototype);
  }
}
AsnType({ type: AsnTypeTypes.Set, itemType: Attribute })(AttributeSet);

/** A bare OBJECT IDENTIFIER value, e.g. the contentType attribute value (RFC 5652 11.1). */
export class ObjectIdentifierValue {
  value: string;
  constructor(value = '') {
    this.value = value;
  }
}
AsnChoiceType()(ObjectIdentifierValue);
AsnProp({ type: AsnPropTypes.ObjectIdentifier })(ObjectIdentifierValue.prototype, 'value');
