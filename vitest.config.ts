import { defineConfig } from 'vitest/config';
import { SkippedRequirementsReporter } from './vitest.requirements.ts';
import { projects } from './vitest.workspace.ts';

export default defineConfig({
  test: {
    projects,
    // The default report, then the tests skipped for a missing part, named, with how to install it.
    reporters: ['default', new SkippedRequirementsReporter()],
  },
});
