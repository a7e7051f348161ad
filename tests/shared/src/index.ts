export * from './format.js';
export * from './target.js';
export { runInV8 } from './oracle.js';
