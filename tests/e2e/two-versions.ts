// Two versions of the built app on one origin, as a deploy makes them: a static server that
// serves the first build until told to serve the second, and a way to make that second build.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { build, type Plugin } from 'vite';

const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.webmanifest': 'application/manifest+json', '.json': 'application/json',
};

export interface SwitchingServer {
  url: string;
  serve(dir: string): void;
  close(): Promise<void>;
}

export async function switchingServer(dir: string): Promise<SwitchingServer> {
  let root = dir;
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = join(root, normalize(path === '/' ? '/index.html' : path));
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    serve: (next) => (root = next),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Builds the app again with a change in the discrete-event client and the entry, as the next release. */
export async function buildNextVersion(root: string): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'mlsd-next-'));
  const changed: Plugin = {
    name: 'next-version',
    enforce: 'pre',
    transform(code, id) {
      if (id.endsWith('/src/main.ts') || id.endsWith('/src/simulation/des-client.ts')) return `${code}\ndocument.documentElement.dataset.version = 'next';\n`;
    },
  };
  await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'error', plugins: [changed], build: { outDir, emptyOutDir: true } });
  return outDir;
}
