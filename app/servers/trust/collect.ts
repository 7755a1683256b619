// Gathers what the running services contribute into the inputs of the trust material builder.
import type { TrustServices } from '../../../core/sigstore/trust-material';
import type { TrustContribution } from '../service-host';

export function trustServicesFrom(contributions: readonly TrustContribution[], operator: string): TrustServices {
  const out: TrustServices = { tlogs: [], ctlogs: [], cas: [], tsas: [], oidc: [], operator };
  for (const c of contributions) {
    switch (c.kind) {
      case 'tlog':
        out.tlogs.push(c.checkpointKeyId ? { baseUrl: c.baseUrl, publicKeySpki: c.publicKeySpki, validFrom: c.validFrom, checkpointKeyId: c.checkpointKeyId } : { baseUrl: c.baseUrl, publicKeySpki: c.publicKeySpki, validFrom: c.validFrom });
        break;
      case 'ctlog':
        out.ctlogs.push({ baseUrl: c.baseUrl, publicKeySpki: c.publicKeySpki, validFrom: c.validFrom });
        break;
      case 'ca':
        out.cas.push({ url: c.url, chainDer: c.chainDer, validFrom: c.validFrom });
        break;
      case 'tsa':
        out.tsas.push({ url: c.url, chainDer: c.chainDer, validFrom: c.validFrom });
        break;
      case 'oidc':
        out.oidc.push({ url: c.url });
        break;
    }
  }
  return out;
}
