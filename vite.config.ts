import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web client lives in src/web and is built into dist/web, which the server serves.
// Two pages: the React app (index.html) and the citizen's satisfaction survey
// (survey.html, issue #4), a separate small bundle without React for cheap phones, plus
// the survey's service worker under a fixed name (survei-sw.js, served at /survei/sw.js).
const SURVEY_SW = 'survei-sw';

export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: false,
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'src/web/index.html'),
        survey: resolve(import.meta.dirname, 'src/web/survey.html'),
        [SURVEY_SW]: resolve(import.meta.dirname, 'src/web/survey/sw.ts'),
      },
      output: { entryFileNames: (chunk) => (chunk.name === SURVEY_SW ? `${SURVEY_SW}.js` : 'assets/[name]-[hash].js') },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
