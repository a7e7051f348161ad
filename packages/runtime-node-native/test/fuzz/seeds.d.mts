/** Guest sources whose snapshots seed the mutated-snapshot corpus. */
export const seedSources: string[];
