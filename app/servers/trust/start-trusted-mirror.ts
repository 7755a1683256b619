// The `tuf` service of `rootsmith serve`: builds trusted_root.json and signing_config.json from the services
// started before it, publishes them through TUF (DATA/tuf), then serves that repository as the TUF mirror.
import fs from 'node:fs';
import path from 'node:path';
import { buildTrustMaterial } from '../../../core/sigstore/trust-material';
import type { ServiceStarter } from '../service-host';
import { startTufService } from '../tuf/start-tuf-service';
import { trustServicesFrom } from './collect';
import { publishTrustRoot } from './rehearsal-tuf';

export const startTrustedMirror: ServiceStarter = async (ctx) => {
  const contributions = ctx.trust ?? [];
  if (contributions.length > 0) {
    const material = buildTrustMaterial(trustServicesFrom(contributions, 'rootsmith rehearsal'));
    const trustDir = path.join(ctx.dataDir, 'trust');
    fs.mkdirSync(trustDir, { recursive: true });
    for (const [name, bytes] of Object.entries(material.files)) fs.writeFileSync(path.join(trustDir, name), bytes);
    const outcome = await publishTrustRoot(ctx.dataDir, material.files, ctx.clock, ctx.log, ctx.createTrustRepository?.bind(ctx));
    ctx.announce({ trustedRoot: path.join(trustDir, 'trusted_root.json'), signingConfig: path.join(trustDir, 'signing_config.v0.2.json') });
    if (outcome.stale.length > 0) ctx.announce({ trustRootStale: outcome.stale.join(',') });
  }
  return startTufService(ctx);
};
