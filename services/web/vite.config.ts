import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './precompress.ts';

// In development (`pnpm --filter @huiyin/web dev`) the API runs beside Vite; the proxy keeps the
// console on one origin, as in production where the API serves the built files itself.
const api = 'http://127.0.0.1:3000';

export default defineConfig({
  // Assets also as .br and .gz, served as they are: before sign-in the browser fetches about 380 KB, not 1.46 MB.
  plugins: [react(), precompress()],
  server: { proxy: { '/api': api } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // The big libraries in their own long-cached chunks; the pages split by route (lazy).
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)/ },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|rc-|@rc-component)/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ },
          ],
        },
      },
    },
  },
});
