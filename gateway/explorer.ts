/**
 * The GraphQL explorer (GraphiQL) at GET /graphql for browsers, with every asset inlined from npm:
 * it works offline and loads nothing from a CDN. The page is about 9 MB, over Lambda's 6 MB response
 * limit, so it is rendered once, kept gzip-compressed (about 2.4 MB) and sent compressed.
 */
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { gzipSync } from 'node:zlib';

const DEFAULT_QUERY = `# Labor cooperation API. Try:
{
  people(first: 5) {
    edges { node { id name hometown { province county } povertyRegistered skills } }
    pageInfo { hasNextPage endCursor }
  }
}
`;

let page: { html: string; gzipped: Buffer } | undefined;

function explorerPage() {
  if (!page) {
    const html = renderGraphiQL({ title: 'Labor cooperation API', defaultQuery: DEFAULT_QUERY, endpoint: '/graphql' });
    page = { html, gzipped: gzipSync(html) };
  }
  return page;
}

/** True for a browser navigating to the endpoint (not a GraphQL GET request, which has ?query=). */
function wantsExplorer(request: Request, url: URL, endpoint: string): boolean {
  return (
    request.method === 'GET' &&
    url.pathname === endpoint &&
    !url.searchParams.has('query') &&
    (request.headers.get('accept') ?? '').includes('text/html')
  );
}

export function useExplorer(endpoint = '/graphql'): GatewayPlugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (!wantsExplorer(request, url, endpoint)) return;
      const { html, gzipped } = explorerPage();
      const gzip = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
      endResponse(
        new Response(gzip ? new Uint8Array(gzipped) : html, {
          status: 200,
          headers: {
            'content-type': 'text/html; charset=utf-8',
            ...(gzip ? { 'content-encoding': 'gzip' } : {}),
            vary: 'accept-encoding',
            'cache-control': 'no-cache',
          },
        }),
      );
    },
  };
}
