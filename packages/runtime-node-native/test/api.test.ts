import { runApiSuite } from '@mvtk/runtime-core/test/api-suite';

runApiSuite('native', async () => (await import('../src/index.js')).Microvium);
