// The table of embedded services `rootsmith serve` can start, in start order (later ones may use earlier URLs).
// Each service adds its one line here.
import type { ServiceName, ServiceStarter } from './service-host';

export const serviceStarters: Partial<Record<ServiceName, ServiceStarter>> = {};
