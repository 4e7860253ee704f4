/**
 * Serves the built web app (web/dist) at /app/ from the local gateway process, so `npm start` has
 * one origin for the app and the API (no CORS, no second port). Only local servers use it: the
 * Lambda handler serves no files (in AWS the app belongs on S3 behind CloudFront).
 */
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

export const WEB_APP_PATH = '/app/';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * Everything from this origin, nothing from elsewhere: the app has no CDN dependency to allow. In
 * AWS the app also calls the hosted sign-in's token endpoint (`connectSources`); CloudFront sends
 * this same policy (infra/lib/web-app-hosting.ts).
 */
export const contentSecurityPolicy = (connectSources: readonly string[] = []) =>
  `default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src ${["'self'", ...connectSources].join(' ')}; frame-ancestors 'none'; base-uri 'self'; form-action 'self'`;
const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

async function fileResponse(file: string, cache: string): Promise<Response | null> {
  try {
    const body = await readFile(file);
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': cache,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR') return null;
    throw error;
  }
}

export function useWebApp(distDir: string): GatewayPlugin {
  const root = normalize(distDir + sep);
  return {
    onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (url.pathname === WEB_APP_PATH.slice(0, -1)) {
        endResponse(new Response(null, { status: 308, headers: { location: WEB_APP_PATH } }));
        return;
      }
      if (!url.pathname.startsWith(WEB_APP_PATH)) return;
      const relativePath = decodeURIComponent(url.pathname.slice(WEB_APP_PATH.length));
      const file = normalize(join(root, relativePath));
      if (!file.startsWith(root)) {
        endResponse(new Response('Not found', { status: 404 }));
        return;
      }
      // Content-hashed assets never change under their name; everything else is revalidated.
      const isAsset = relativePath.startsWith('assets/');
      return (async () => {
        const found =
          relativePath && !relativePath.endsWith('/') ? await fileResponse(file, isAsset ? 'public, max-age=31536000, immutable' : 'no-cache') : null;
        if (found) return endResponse(found);
        // A missing asset is a 404; any other path is a screen of the app, which routes itself.
        if (isAsset || extname(relativePath)) return endResponse(new Response('Not found', { status: 404 }));
        const index = await fileResponse(join(root, 'index.html'), 'no-cache');
        endResponse(
          index ??
            new Response('The web app is not built: run `npm run build` (or `npm start`, which builds it).', {
              status: 503,
              headers: { 'content-type': 'text/plain; charset=utf-8' },
            }),
        );
      })();
    },
  };
}
