// Encodes TimeStampResp messages (RFC 3161 2.4.2): granted with a token, or a rejection with failure bits.
import { AsnConvert } from '@peculiar/asn1-schema';
import type { ContentInfo } from '@peculiar/asn1-cms';
import { PKIFailureInfo, PKIFreeText, PKIStatus, PKIStatusInfo, TimeStampResp, TimeStampToken } from '@peculiar/asn1-tsp';
import type { FailureInfo } from './request';

/**
 * PKIFailureInfo bit positions (RFC 3161 2.4.2). Kept here because @peculiar/asn1-tsp's PKIFailureInfoFlags
 * are off by one from badRequest on (it has badDataFormat = 1 << 4; the RFC says bit 5).
 */
export const FAILURE_BITS: Readonly<Record<FailureInfo, number>> = {
  badAlg: 0,
  badRequest: 2,
  badDataFormat: 5,
  timeNotAvailable: 14,
  unacceptedPolicy: 15,
  unacceptedExtension: 16,
  addInfoNotAvailable: 17,
  systemFailure: 25,
};

export function grantedResponse(token: ContentInfo): Uint8Array {
  const resp = new TimeStampResp({
    status: new PKIStatusInfo({ status: PKIStatus.granted }),
    timeStampToken: new TimeStampToken({ contentType: token.contentType, content: token.content }),
  });
  return new Uint8Array(AsnConvert.serialize(resp));
}

/** A rejection: status rejection, one failInfo bit, a statusString for people, and no token. */
export function rejectionResponse(failure: FailureInfo, statusString: string): Uint8Array {
  const resp = new TimeStampResp({
    status: new PKIStatusInfo({
      status: PKIStatus.rejection,
      statusString: new PKIFreeText([statusString]),
      failInfo: new PKIFailureInfo(2 ** FAILURE_BITS[failure]),
    }),
  });
  return new Uint8Array(AsnConvert.serialize(resp));
}
