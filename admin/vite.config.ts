import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The admin app: built to admin/dist and served by the Kontor server at `/`. In `vite dev` the API is
 * proxied to a running server (KONTOR_API, default http://127.0.0.1:3000) so the app and the API share an
 * origin, as in production.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across our releases.
        codeSplitting: {
          groups: [
            { name: 'mui', test: /node_modules[\\/](@mui|@emotion)/ },
            { name: 'react-admin', test: /node_modules[\\/](ra-|react-admin|@tanstack|react-hook-form|react-router)/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': process.env.KONTOR_API ?? 'http://127.0.0.1:3000' },
  },
});
