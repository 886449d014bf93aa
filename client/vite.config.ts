import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

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
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: {
      '/api': serverUrl,
      '/socket.io': { target: serverUrl, ws: true },
    },
  },
});
