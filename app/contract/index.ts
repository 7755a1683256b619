// The contract's public surface. The renderer imports TYPES from here and nothing else.
export * from './result';
export * from './api';
export * from './system';
export * from './keys';
export * from './tsa';
export * from './tuf';
export * from './log';
export * from './ceremony';
export * from './stack';
export * from './bundle';
