import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API server (Starlette + Strawberry) listens on BANGFU_PORT, 8000 by default.
const api = `http://127.0.0.1:${process.env.BANGFU_PORT ?? '8000'}`;

const proxy = {
  // ws: true forwards GraphQL subscriptions (graphql-transport-ws) on the same path.
  '/graphql': { target: api, changeOrigin: true, ws: true },
  '/healthz': { target: api, changeOrigin: true },
};

export default defineConfig({
  plugins: [react()],
  server: { proxy },
  preview: { proxy },
  build: { outDir: 'dist', sourcemap: false },
});
