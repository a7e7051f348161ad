import { runApiSuite } from '@mvtk/runtime-core/test/api-suite';

runApiSuite('wasm', async () => (await import('../src/index.js')).Microvium);
