// The single IPC channel of the contract; the preload refuses everything else.
export const IPC_CHANNEL = 'rootsmith:invoke';
