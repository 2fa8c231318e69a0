/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { brandIconsMarkup } from './scripts/brand-icons.ts';

// The built page forbids inline and eval'd script. Inline *styles* stay allowed: the canvas
// positions every node with a style attribute. 'wasm-unsafe-eval' lets the simulator's workers
// compile its WebAssembly engine (src/simulation/engine) and allows nothing else: no eval, no
// Function, no inline script. A host that sends this policy as a header for every file (the
// workers included) then still runs the engine.
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: (html) => html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
  };
}

// The brand logos of the catalog's components are in the page itself, ready for the first
// screen (scripts/brand-icons.ts); the icon component takes their paths from there.
function brandIcons(): Plugin {
  return {
    name: 'brand-icons',
    transformIndexHtml: (html) => html.replace('<body>', `<body>\n    ${brandIconsMarkup(fileURLToPath(new URL('./components-catalog', import.meta.url)))}`),
  };
}

// After one visit everything the app can load (workers, lazy chunks, icons) is precached, so it
// opens and works with the network off. `clientsClaim` makes the first visit controlled too.
// A new version's worker waits (prompt mode, no skipWaiting): activating it under an open tab
// would delete the old hashed chunks that tab still imports. src/app/update.svelte.ts registers
// it and asks the user to reload; nothing is injected into the page, which keeps the CSP whole.
function offline() {
  return VitePWA({
    registerType: 'prompt',
    injectRegister: false,
    includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
    manifest: {
      name: 'ML System Design Sandbox',
      short_name: 'MLSD Sandbox',
      description: 'Design machine-learning systems on a canvas and simulate their latency and throughput.',
      start_url: '.',
      scope: '.',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: '#3a6ff7',
      icons: [
        { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,woff,woff2}'],
      maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      clientsClaim: true,
      navigateFallback: 'index.html',
    },
  });
}

// Everything the first screen needs is one chunk. Parts loaded later (dialogs, panes, charts)
// import what they share with it from it; without this group the bundler moves code that two
// such parts share out of the first chunk into chunks of its own, all still loaded at start.
const firstChunk = { groups: [{ name: 'index', tags: ['$initial' as const] }] };

export default defineConfig({
  base: './',
  plugins: [svelte(), contentSecurityPolicy(), brandIcons(), offline()],
  build: { chunkSizeWarningLimit: 2000, rolldownOptions: { output: { codeSplitting: firstChunk } } },
  // `vite preview` (the end-to-end tests' server) sends the policy as a header too, on every
  // file: a worker's script is governed by its own response, not by the page's meta tag, so the
  // tests run the simulator's and the layout's workers under the policy as a host would.
  preview: { headers: { 'Content-Security-Policy': CSP } },
  worker: { format: 'es' },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Simulation tests run up to 10⁶ requests; on a loaded 2-core machine the default 5 s is too short.
    testTimeout: 30_000,
  },
});
