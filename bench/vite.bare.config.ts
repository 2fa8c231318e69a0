// Builds the bench baseline page (a bare Svelte Flow canvas) into bench/dist-bare.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'bench/bare',
  base: './',
  plugins: [svelte()],
  logLevel: 'warn',
  build: { outDir: '../dist-bare', emptyOutDir: true },
});
