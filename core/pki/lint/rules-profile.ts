// The profile's own rules (Fulcio certificate-specification, RFC 3161 2.3, Rootsmith policy), read from the
// profile's data: subject, key kind, exact key usages and EKUs, path length, Fulcio identity.
import { describeKey } from '../key-info';
import { nameAttribute, nameAttributes } from '../name';
import { OID } from '../oids';
import { keyKindOf } from '../profiles/common';
import type { LintRule } from './types';

const FULCIO = 'Fulcio certificate-specification';

export const subjectRules: LintRule = ({ cert, rules }, report) => {
  if (rules.subject === 'cn-and-o') {
    for (const [oid, label] of [[OID.commonName, 'commonName'], [OID.organization, 'organizationName']] as const) {
      if (!nameAttribute(cert.subject, oid)) report('subject-cn-and-o', 'must', `subject.${label}`, FULCIO, `A ${rules.title} needs a subject ${label}.`);
    }
  } else if (nameAttributes(cert.subject).length > 0) {
    report('subject-empty', 'must', 'subject', FULCIO, `A ${rules.title} must have an empty subject.`);
  }
};

export const subjectKeyRules: LintRule = ({ cert, rules }, report) => {
  const kind = keyKindOf(cert.key);
  const field = 'subjectPublicKeyInfo';
  if (cert.key.kind === 'rsa' && cert.key.bits < 2048) {
    report('rsa-key-size', 'must', field, 'NIST SP 800-57; ' + FULCIO, `RSA-${cert.key.bits} is too small; at least 2048 bits are required.`);
  }
  if (!kind || !rules.subjectKeys.allowed.includes(kind)) {
    report('subject-key-allowed', 'must', field, `profile ${rules.id}`, `A ${rules.title} may not certify a ${describeKey(cert.key)} key (allowed: ${rules.subjectKeys.allowed.join(', ')}).`);
  } else if (rules.subjectKeys.preferred && !rules.subjectKeys.preferred.includes(kind)) {
    report('subject-key-preferred', 'should', field, FULCIO, `${describeKey(cert.key)} is allowed, but ${rules.subjectKeys.preferred.join(' or ')} is recommended for a ${rules.title}.`);
  }
};

export const profileUsageRules: LintRule = ({ cert, rules }, report) => {
  const ku = cert.keyUsage?.value;
  if (ku) {
    for (const bit of rules.keyUsage.required) {
      if (!ku.has(bit)) report('key-usage-required', 'must', 'extensions.keyUsage', `${FULCIO}; profile ${rules.id}`, `keyUsage must assert ${bit}.`);
    }
    for (const bit of ku) {
      if (!rules.keyUsage.allowed.includes(bit)) report('key-usage-extra', 'must', 'extensions.keyUsage', `${FULCIO}; profile ${rules.id}`, `keyUsage asserts ${bit}, which a ${rules.title} must not.`);
    }
  }
  const eku = cert.extKeyUsage;
  const field = 'extensions.extKeyUsage';
  if (rules.extKeyUsage === 'forbidden') {
    if (eku) report('eku-forbidden', 'must', field, FULCIO, `A ${rules.title} must not carry extKeyUsage.`);
    return;
  }
  const want = rules.extKeyUsage.exactly;
  if (!eku) {
    report('eku-required', 'must', field, `profile ${rules.id}`, `A ${rules.title} must carry extKeyUsage ${want.join(', ')}.`);
    return;
  }
  const same = eku.value.length === want.length && want.every((p) => eku.value.includes(p));
  if (!same) report('eku-exact', 'must', field, `profile ${rules.id}`, `extKeyUsage is ${eku.value.join(', ')}; a ${rules.title} needs exactly ${want.join(', ')}.`);
  if (rules.extKeyUsage.mustBeCritical && !eku.critical) report('eku-critical', 'must', field, `RFC 3161 2.3; profile ${rules.id}`, 'extKeyUsage must be critical.');
};

export const profileKeyIdRules: LintRule = ({ cert, rules }, report) => {
  if (!cert.subjectKeyId) {
    const basis = rules.kind === 'leaf' ? rules.subjectKeyId : 'must';
    report('ski-present', basis, 'extensions.subjectKeyIdentifier', 'RFC 5280 4.2.1.2', `A ${rules.title} must carry subjectKeyIdentifier.`);
  }
  if (rules.preferredPathLen !== undefined && cert.basicConstraints?.value.ca && cert.basicConstraints.value.pathLen !== rules.preferredPathLen) {
    report('path-len-preferred', 'should', 'extensions.basicConstraints', FULCIO, `pathLenConstraint ${rules.preferredPathLen} is recommended for a ${rules.title}.`);
  }
};

export const fulcioIdentityRules: LintRule = ({ cert, rules }, report) => {
  if (!rules.fulcioIdentity) return;
  const san = cert.subjectAltNames;
  const field = 'extensions.subjectAltName';
  if (!san || san.value.length !== 1) report('san-exactly-one', 'must', field, FULCIO, 'A Fulcio certificate must carry exactly one subjectAltName.');
  else {
    if (!san.critical) report('san-critical', 'must', field, `${FULCIO}; RFC 5280 4.2.1.6`, 'subjectAltName must be critical (the subject is empty).');
    if (!['email', 'uri'].includes(san.value[0]!.type)) report('san-type', 'must', field, FULCIO, `subjectAltName must be an email or a URI, not ${san.value[0]!.type}.`);
  }
  if (!cert.extensions.some((e) => e.oid === OID.fulcioIssuerV1 || e.oid === OID.fulcioIssuerV2)) {
    report('oidc-issuer', 'must', 'extensions.1.3.6.1.4.1.57264.1.8', FULCIO, 'A Fulcio certificate must name its OIDC issuer (1.3.6.1.4.1.57264.1.1 or .1.8).');
  }
};
