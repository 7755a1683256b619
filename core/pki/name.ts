// Distinguished names (RFC 5280 4.1.2.4): encoding from a small spec and reading attributes back.
import { AsnConvert } from '@peculiar/asn1-schema';
import { AttributeTypeAndValue, AttributeValue, Name, RelativeDistinguishedName } from '@peculiar/asn1-x509';
import { PkiError } from './errors';
import { OID } from './oids';

export interface NameSpec {
  commonName?: string;
  organization?: string;
  organizationalUnit?: string;
  /** Two-letter ISO 3166 code. */
  country?: string;
}

export interface NameAttribute {
  oid: string;
  value: string;
}

/**
 * DER Name with one attribute per RDN, ordered C, O, OU, CN. Strings are UTF8String as RFC 5280 4.1.2.4
 * requires for new certificates; countryName is PrintableString (RFC 5280 Appendix A). `{}` gives the empty
 * Name that Fulcio leaf certificates carry.
 */
export function encodeName(spec: NameSpec): Uint8Array {
  const rdns: RelativeDistinguishedName[] = [];
  const add = (oid: string, value: AttributeValue) =>
    rdns.push(new RelativeDistinguishedName([new AttributeTypeAndValue({ type: oid, value })]));
  if (spec.country !== undefined) {
    if (!/^[A-Z]{2}$/.test(spec.country)) throw new PkiError('PROFILE_VIOLATION', `country "${spec.country}" is not a two-letter code.`);
    add(OID.country, new AttributeValue({ printableString: spec.country }));
  }
  for (const [oid, v] of [
    [OID.organization, spec.organization],
    [OID.organizationalUnit, spec.organizationalUnit],
    [OID.commonName, spec.commonName],
  ] as const) {
    if (v === undefined) continue;
    if (v.length === 0 || v.length > 64) throw new PkiError('PROFILE_VIOLATION', `Name attribute ${oid} must be 1 to 64 characters.`);
    add(oid, new AttributeValue({ utf8String: v }));
  }
  return new Uint8Array(AsnConvert.serialize(new Name(rdns)));
}

/** Every attribute of a DER Name, in order. */
export function nameAttributes(der: Uint8Array): NameAttribute[] {
  const name = AsnConvert.parse(der, Name);
  return name.flatMap((rdn) => rdn.map((atv) => ({ oid: atv.type, value: atv.value.toString() })));
}

/** The first value of attribute `oid` in a DER Name. */
export function nameAttribute(der: Uint8Array, oid: string): string | undefined {
  return nameAttributes(der).find((a) => a.oid === oid)?.value;
}

const SHORT: Record<string, string> = { [OID.commonName]: 'CN', [OID.organization]: 'O', [OID.organizationalUnit]: 'OU', [OID.country]: 'C' };

/** A readable one-line form such as "O=sigstore.dev, CN=sigstore" for messages. */
export function formatName(der: Uint8Array): string {
  const attrs = nameAttributes(der);
  return attrs.length === 0 ? '(empty)' : attrs.map((a) => `${SHORT[a.oid] ?? a.oid}=${a.value}`).join(', ');
}
