import { packageTestConfig } from '../vitest.shared';

export default packageTestConfig({ include: ['test/**/*.test.ts'] });
