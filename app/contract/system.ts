// The system service: facts about the machine the ceremony runs on (is it offline?) and the running app.
import { z } from 'zod';

export const systemSchemas = {
  status: z.object({}).strict(),
} as const;

export interface NetworkInterfaceInfo {
  name: string;
  addresses: string[];
}

export interface SystemStatus {
  version: string;
  transport: 'electron' | 'web-host' | 'cli';
  /** Non-loopback interfaces that are up with an address. Empty means the machine looks offline. */
  networkInterfaces: NetworkInterfaceInfo[];
  platform: string;
  /** The SoftHSM2 configuration the PKCS#11 layer uses, when set (e.g. a rehearsal token directory). */
  softhsmConf?: string;
}

export interface SystemResponses {
  status: SystemStatus;
}
