// The table of embedded services `rootsmith serve` can start, in start order (later ones may use earlier URLs).
// Each service adds its one line here.
import type { ServiceName, ServiceStarter } from './service-host';
import { startCaService } from './ca';
import { startLogService } from './log';
import { startOidcService } from './oidc';
import { startTsaService } from './tsa';
import { startTrustedMirror } from './trust/start-trusted-mirror';

export const serviceStarters: Partial<Record<ServiceName, ServiceStarter>> = {
  log: startLogService,
  tsa: startTsaService,
  ca: startCaService,
  oidc: startOidcService,
  // The mirror publishes the trust material of the services above through TUF before serving it.
  tuf: startTrustedMirror,
};
