import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The C server (`yici serve --web-root web/dist`) serves dist/ for every non-/api path and falls
// back to index.html, so the router runs in history mode. Assets use an absolute base ('/') so that
// a deep link such as /admin/users still finds /assets/*.js after a reload.
// `npm run dev` proxies /api to a running server: YICI_API=http://127.0.0.1:8080 npm run dev
export default defineConfig({
  base: '/',
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/element-plus') || id.includes('node_modules/@element-plus')) return 'element-plus';
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
          if (id.includes('node_modules/')) return 'vendor';
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': process.env.YICI_API || 'http://127.0.0.1:8080',
      '/healthz': process.env.YICI_API || 'http://127.0.0.1:8080',
    },
  },
});
