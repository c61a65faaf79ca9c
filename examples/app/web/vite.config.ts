/**
 * Builds the page to `dist/web` (served by the app at `/`). Workspace packages resolve to their
 * sources (the `@nexfitra/source` condition), so the page builds without building them first.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  resolve: { conditions: ['@nexfitra/source', 'browser', 'module', 'import', 'default'] },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 400,
    rollupOptions: {
      // zod's sources carry explanatory comments next to `@__PURE__` marks that Rollup reports and drops.
      onwarn(warning, warn) {
        if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
      },
    },
  },
  logLevel: 'warn',
});
