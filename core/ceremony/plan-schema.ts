// The ceremony plan file format (YAML, parsed strictly: an unknown field is an error). The zod schema is the
// type: what parses here is what the engine runs.
import { z } from 'zod';

/** Step ids and input names: referenced by other steps, so kept to a safe, readable alphabet. */
const stepId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lower-case letters, digits and "-" (at most 63)');
/** Output file names: one file in the ceremony directory, never a path. */
const fileName = (ext: '.pem' | '.pub') =>
  z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,126}$/, 'an output is a plain file name (letters, digits, ".", "_", "-"), not a path')
    .refine((s) => s.endsWith(ext), `an output of this step must end in ${ext}`);

export const keyAlgorithms = ['ecdsa-p256', 'ecdsa-p384', 'ed25519'] as const;
export const certificateProfiles = ['root-ca', 'fulcio-intermediate', 'tsa-intermediate', 'tsa-leaf', 'root-ca-cross'] as const;

const subject = z
  .object({
    commonName: z.string().min(1).max(64),
    organization: z.string().min(1).max(64),
    organizationalUnit: z.string().min(1).max(64).optional(),
    country: z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code such as "DE"').optional(),
  })
  .strict();

const validity = z
  .object({
    years: z.number().int('whole years').positive('must be positive').max(100, 'at most 100 years').optional(),
    days: z.number().int('whole days').positive('must be positive').max(36500, 'at most 36500 days').optional(),
    /** ISO 8601 date-time; default: the moment the step runs. */
    notBefore: z.iso.datetime({ offset: true, message: 'an ISO 8601 date-time such as 2027-01-01T00:00:00Z' }).optional(),
  })
  .strict()
  .refine((v) => (v.years === undefined) !== (v.days === undefined), { message: 'give exactly one of years or days' });

const common = { id: stepId, title: z.string().min(1).max(200).optional() };

export const generateKeyStep = z
  .object({
    ...common,
    type: z.literal('generate-key'),
    /** CKA_LABEL on the token. */
    label: z.string().min(1).max(128),
    algorithm: z.enum(keyAlgorithms),
  })
  .strict();

export const existingKeyStep = z
  .object({
    ...common,
    type: z.literal('existing-key'),
    /** The key's label (CKA_LABEL) on the token. */
    label: z.string().min(1).max(1024),
    /** Optional pin of which key this must be: lower-case hex SHA-256 of its DER SubjectPublicKeyInfo. */
    spkiSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  })
  .strict();

export const importCertificateStep = z
  .object({
    ...common,
    type: z.literal('import-certificate'),
    /** Name of a plan input whose file is the certificate (PEM). */
    input: stepId,
    /** The copy written into the ceremony directory, so chains and verification see it. */
    output: fileName('.pem'),
  })
  .strict();

export const certificateStep = z
  .object({
    ...common,
    type: z.literal('certificate'),
    profile: z.enum(certificateProfiles),
    /** The generate-key / existing-key step whose key is certified. */
    key: stepId.optional(),
    /** Or: a plan input holding a CSR made elsewhere (its signature is checked before use). */
    csr: stepId.optional(),
    /** root-ca-cross: the certificate step or import whose subject and key are cross-signed. */
    subjectFrom: stepId.optional(),
    /** The issuing certificate (a certificate or import-certificate step); absent for a root. */
    issuer: stepId.optional(),
    /** The issuer's key step; for a root, the same as `key`. */
    issuerKey: stepId.optional(),
    subject: subject.optional(),
    validity,
    pathLen: z.number().int().min(0).max(10).optional(),
    output: fileName('.pem'),
  })
  .strict();

export const publicKeyStep = z
  .object({ ...common, type: z.literal('public-key'), key: stepId, output: fileName('.pub') })
  .strict();

export const chainStep = z
  .object({
    ...common,
    type: z.literal('chain'),
    /** Certificate or import steps, leaf first. */
    certificates: z.array(stepId).min(1),
    output: fileName('.pem'),
  })
  .strict();

export const planStep = z.discriminatedUnion('type', [generateKeyStep, existingKeyStep, importCertificateStep, certificateStep, publicKeyStep, chainStep]);

export const planInput = z
  .object({
    description: z.string().min(1).max(500),
    /** Default file, relative to the plan file; `--input name=path` overrides it. */
    path: z.string().min(1).optional(),
  })
  .strict();

export const planSchema = z
  .object({
    version: z.literal(1),
    name: stepId,
    title: z.string().min(1).max(200),
    description: z.string().max(4000).optional(),
    inputs: z.record(stepId, planInput).optional(),
    steps: z.array(planStep).min(1, 'a plan needs at least one step'),
    /** A key step whose key signs the final transcript digest (a digest-signature line). */
    signDigestWith: stepId.optional(),
  })
  .strict();

export type Plan = z.infer<typeof planSchema>;
export type PlanStep = z.infer<typeof planStep>;
export type StepType = PlanStep['type'];
export type GenerateKeyStep = z.infer<typeof generateKeyStep>;
export type ExistingKeyStep = z.infer<typeof existingKeyStep>;
export type ImportCertificateStep = z.infer<typeof importCertificateStep>;
export type CertificateStep = z.infer<typeof certificateStep>;
export type PublicKeyStep = z.infer<typeof publicKeyStep>;
export type ChainStep = z.infer<typeof chainStep>;
export type CertificateProfileName = (typeof certificateProfiles)[number];
export type PlanKeyAlgorithm = (typeof keyAlgorithms)[number];
