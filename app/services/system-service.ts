// System facts for the status bar and the ceremony checklist: is any network interface up?
import os from 'node:os';
import type { NetworkInterfaceInfo, SystemStatus } from '../contract/system';
import type { ServiceImpl } from './registry';
import { appVersion } from './version';

export function networkInterfacesUp(): NetworkInterfaceInfo[] {
  const out: NetworkInterfaceInfo[] = [];
  for (const [name, addrs] of Object.entries(os.networkInterfaces())) {
    const external = (addrs ?? []).filter((a) => !a.internal);
    if (external.length > 0) out.push({ name, addresses: external.map((a) => a.address) });
  }
  return out;
}

export function createSystemService(transport: SystemStatus['transport']): ServiceImpl<'system'> {
  return {
    status: () => {
      const status: SystemStatus = {
        version: appVersion(),
        transport,
        networkInterfaces: networkInterfacesUp(),
        platform: `${process.platform} ${process.arch}`,
      };
      if (process.env.SOFTHSM2_CONF) status.softhsmConf = process.env.SOFTHSM2_CONF;
      return status;
    },
  };
}
