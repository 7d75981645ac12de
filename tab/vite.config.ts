import { defineConfig } from 'vite';

const root = new URL('.', import.meta.url).pathname;

/** Builds the tab into dist/tab, served by the bot's server under /tab. */
export default defineConfig({
  root,
  base: '/tab/',
  publicDir: false,
  // JSX through Vite's built-in transform (Oxc): no React plugin needed for a production build.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: new URL('../dist/tab', import.meta.url).pathname,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      // Fluent UI marks its modules 'use client' for React Server Components; meaningless in this bundle.
      output: {
        // The TeamsFx chunk (single sign-on, loaded only inside Teams) gets a name that says what it is.
        chunkFileNames: (chunk) => (chunk.moduleIds.some((id) => id.includes('@microsoft/teamsfx')) ? 'assets/teams-sso-[hash].js' : 'assets/[name]-[hash].js'),
      },
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
