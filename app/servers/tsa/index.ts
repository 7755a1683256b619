// The embedded RFC 3161 TSA over HTTP: the starter `rootsmith serve --tsa` and the GUI use.
export { startTsaService, startTsaServer, tsaDir, DEFAULT_TSA_POLICY, type TsaServer } from './starter';
export { BODY_LIMIT, TIMESTAMP_PATH, CERTCHAIN_PATH } from './routes';
export { TIMESTAMP_QUERY, TIMESTAMP_REPLY } from './content-type';
export { REHEARSAL_FILES } from './rehearsal-chain';
