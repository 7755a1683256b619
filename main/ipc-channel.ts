// The IPC channels of the contract: one for calls, one for progress events; the preload uses no others.
export const IPC_CHANNEL = 'rootsmith:invoke';
export const PROGRESS_CHANNEL = 'rootsmith:progress';
