import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompress } from './scripts/precompress.js';

// The client is a static bundle served by the server from client/dist.
// In development (`npx vite --config client/vite.config.ts`) the API and socket.io are proxied to the server.
const serverUrl = process.env.SUA_SERVER_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  publicDir: 'public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No source maps in production: the bundle is what ships, readable sources are in the repo.
    sourcemap: false,
    chunkSizeWarningLimit: 1100,
    rollupOptions: {
      output: {
        // MapLibre (most of the bytes, changes only on upgrades) in its own chunk, cached apart from the app.
        manualChunks: (id: string) => (id.includes('/node_modules/maplibre-gl/') ? 'maplibre' : undefined),
      },
    },
  },
  plugins: [precompress()],
  server: {
    proxy: {
      '/api': serverUrl,
      '/socket.io': { target: serverUrl, ws: true },
    },
  },
});
