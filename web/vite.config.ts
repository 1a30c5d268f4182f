import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The UI is built into dist/web and served by the Leitai server itself (one process, one port).
// Views, charts, the map and the Excel writer are imported lazily, so each becomes its own
// chunk and the first page loads only what it shows.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/api': process.env.LEITAI_API ?? 'http://127.0.0.1:3000' } },
  preview: { proxy: { '/api': process.env.LEITAI_API ?? 'http://127.0.0.1:3000' } },
});
