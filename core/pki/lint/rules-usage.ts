// RFC 5280 rules on what a key may do: basicConstraints, keyUsage, extKeyUsage, and how they must agree.
import { OID } from '../oids';
import type { LintRule } from './types';

export const basicConstraintsRules: LintRule = ({ cert, rules }, report) => {
  const bc = cert.basicConstraints;
  const src = 'RFC 5280 4.2.1.9';
  const field = 'extensions.basicConstraints';
  if (rules.kind !== 'leaf') {
    if (!bc) report('basic-constraints-present', 'must', field, src, `A ${rules.title} must carry basicConstraints with cA TRUE.`);
    else {
      if (!bc.critical) report('basic-constraints-critical', 'must', field, src, 'basicConstraints must be marked critical on a CA certificate.');
      if (!bc.value.ca) report('basic-constraints-ca', 'must', field, src, `basicConstraints cA is FALSE, but a ${rules.title} must be a CA.`);
    }
  } else if (bc?.value.ca) {
    report('leaf-not-ca', 'must', field, `${src}; profile ${rules.id}`, `A ${rules.title} must not be a CA (basicConstraints cA must be FALSE or absent).`);
  }
  if (bc && bc.value.pathLen !== undefined && (!bc.value.ca || !cert.keyUsage?.value.has('keyCertSign'))) {
    report('path-len-without-ca', 'must', field, src, 'pathLenConstraint is only allowed when cA is TRUE and keyUsage has keyCertSign.');
  }
  if (cert.subject.length <= 2 && bc?.value.ca) {
    report('ca-subject-empty', 'must', 'subject', 'RFC 5280 4.1.2.6', 'A CA certificate must have a non-empty subject.');
  }
};

export const keyUsageRules: LintRule = ({ cert, rules }, report) => {
  const ku = cert.keyUsage;
  const field = 'extensions.keyUsage';
  const src = 'RFC 5280 4.2.1.3';
  const isCa = cert.basicConstraints?.value.ca === true;
  if (!ku) {
    if (isCa || rules.kind !== 'leaf') report('key-usage-present', 'must', field, src, 'A CA certificate must carry keyUsage (with keyCertSign).');
    else report('key-usage-present', 'must', field, `profile ${rules.id}`, `A ${rules.title} must carry keyUsage ${rules.keyUsage.required.join('+')}.`);
    return;
  }
  if (ku.value.size === 0) report('key-usage-empty', 'must', field, src, 'keyUsage must assert at least one bit.');
  if (!ku.critical) report('key-usage-critical', rules.keyUsage.critical, field, src, 'keyUsage should be marked critical.');
  if ((isCa || rules.kind !== 'leaf') && !ku.value.has('keyCertSign')) {
    report('ca-key-cert-sign', 'must', field, src, 'A CA certificate must assert keyCertSign in keyUsage.');
  }
  if (ku.value.has('keyCertSign') && !isCa) {
    report('key-cert-sign-requires-ca', 'must', field, src, 'keyUsage asserts keyCertSign but basicConstraints cA is not TRUE.');
  }
};

/** Purposes that are signatures by an end-entity key and so need digitalSignature (RFC 5280 4.2.1.12). */
const SIGNING_PURPOSES = new Set<string>([OID.codeSigning, OID.timeStamping]);

export const extKeyUsageRules: LintRule = ({ cert }, report) => {
  const eku = cert.extKeyUsage;
  if (!eku) return;
  const field = 'extensions.extKeyUsage';
  if (eku.value.length === 0) report('eku-empty', 'must', field, 'RFC 5280 4.2.1.12', 'extKeyUsage must list at least one purpose.');
  const isCa = cert.basicConstraints?.value.ca === true;
  const signing = eku.value.filter((p) => SIGNING_PURPOSES.has(p));
  if (!isCa && signing.length > 0 && cert.keyUsage && !cert.keyUsage.value.has('digitalSignature')) {
    report('eku-key-usage-consistent', 'must', field, 'RFC 5280 4.2.1.12', `extKeyUsage ${signing.join(', ')} needs keyUsage digitalSignature, which is not asserted.`);
  }
  // RFC 3161 2.3: a TSA's certificate has exactly one EKU, timeStamping, and it is critical.
  if (!isCa && eku.value.includes(OID.timeStamping)) {
    if (!eku.critical) report('tsa-eku-critical', 'must', field, 'RFC 3161 2.3', 'The timeStamping extKeyUsage must be critical.');
    if (eku.value.length !== 1) report('tsa-eku-only', 'must', field, 'RFC 3161 2.3', 'timeStamping must be the only extKeyUsage of a TSA certificate.');
  }
};
