// Builds the DER TSTInfo of a granted request (RFC 3161 2.4.2) with the library: the reference for the fast
// path in token-template.ts.
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { Accuracy, MessageImprint, TSTInfo } from '@peculiar/asn1-tsp';
import { AlgorithmIdentifier, GeneralName, Name } from '@peculiar/asn1-x509';
import { fromHex } from '../bytes';
import type { TimestampRequest } from './request';

/** RFC 3161 2.4.2 Accuracy: seconds, millis (1..999), micros (1..999); absent fields are zero. */
export interface TsaAccuracy {
  seconds?: number;
  millis?: number;
  micros?: number;
}

export interface TstInfoInput {
  request: TimestampRequest;
  policyOid: string;
  serial: bigint;
  genTime: Date;
  accuracy?: TsaAccuracy;
  /** The TSA's name for the optional `tsa` field: the DER Name of the signing certificate's subject. */
  tsaName?: Uint8Array;
}

export function buildTstInfo(input: TstInfoInput): Uint8Array {
  const { request } = input;
  const info = new TSTInfo({
    version: 1,
    policy: input.policyOid,
    // RFC 3161 2.4.2: messageImprint MUST have the same value as in the request; parameters are echoed as sent.
    messageImprint: new MessageImprint({
      hashAlgorithm: new AlgorithmIdentifier(
        request.hashParamsNull ? { algorithm: request.hashOid, parameters: new Uint8Array([5, 0]).buffer } : { algorithm: request.hashOid },
      ),
      hashedMessage: new OctetString(request.hashedMessage),
    }),
    serialNumber: integerBytes(input.serial),
    genTime: genTimeFor(input.genTime, input.accuracy),
    ordering: false,
  });
  if (input.accuracy) info.accuracy = asnAccuracy(input.accuracy);
  if (request.nonce) info.nonce = copy(request.nonce);
  if (input.tsaName) info.tsa = new GeneralName({ directoryName: AsnConvert.parse(input.tsaName, Name) });
  return new Uint8Array(AsnConvert.serialize(info));
}

/**
 * RFC 3161 2.4.2: genTime carries a fraction only as fine as needed. With an accuracy of a second or more the
 * time is cut to whole seconds; otherwise milliseconds are kept (the encoder drops trailing zeros, as DER requires).
 */
export function genTimeFor(now: Date, accuracy?: TsaAccuracy): Date {
  const subSecond = accuracy !== undefined && !accuracy.seconds && (accuracy.millis || accuracy.micros);
  const ms = now.getTime();
  return new Date(subSecond ? ms : ms - (((ms % 1000) + 1000) % 1000));
}

export function validAccuracy(a: TsaAccuracy): boolean {
  const inRange = (v: number | undefined, max: number) => v === undefined || (Number.isSafeInteger(v) && v >= 0 && v <= max);
  return inRange(a.seconds, Number.MAX_SAFE_INTEGER) && inRange(a.millis, 999) && inRange(a.micros, 999) && Boolean(a.seconds || a.millis || a.micros);
}

/** The Accuracy value of TSTInfo for a configured accuracy. */
export function asnAccuracy(a: TsaAccuracy): Accuracy {
  // Zero-valued fields are omitted: millis and micros are 1..999 when present.
  const acc = new Accuracy();
  if (a.seconds) acc.seconds = a.seconds;
  else delete (acc as Partial<Accuracy>).seconds;
  if (a.millis) acc.millis = a.millis;
  if (a.micros) acc.micros = a.micros;
  return acc;
}

/** A non-negative bigint as INTEGER content octets (big-endian, minimal, leading zero when the top bit is set). */
export function integerBytes(n: bigint): ArrayBuffer {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
  return copy(fromHex(hex));
}

function copy(b: Uint8Array): ArrayBuffer {
  return b.slice().buffer;
}
