// Public API of core/sigstore: trusted_root.json and signing_config.json builders and parsers.
export * from './errors';
export { timeRange, type TimeRangeJson } from './time-range';
export * from './trusted-root';
export * from './signing-config';
