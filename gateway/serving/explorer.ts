/**
 * The GraphQL explorer (GraphiQL) at GET /graphql for browsers, with every asset inlined from npm:
 * it works offline and loads nothing from a CDN. The page is about 9 MB, over Lambda's 6 MB response
 * limit, so it is rendered once, kept gzip-compressed (about 2.4 MB) and sent compressed.
 */
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { gzipSync } from 'node:zlib';

const DEFAULT_QUERY = `# Labor cooperation API. Job postings are public; people need a token:
# npm run token -- --role caseworker --province 500000, then under Headers:
# { "authorization": "Bearer <token>" }
{
  jobPostings(first: 5) {
    edges { node { title monthlyWageMinYuan monthlyWageMaxYuan workplace { province city } employer { name } } }
    pageInfo { hasNextPage endCursor }
  }
}
`;

let page: Promise<{ html: string; gzipped: Buffer }> | undefined;

// The renderer carries every GraphiQL asset inline (about 9 MB of code): imported on the first
// explorer request, it costs a Lambda cold start nothing (about 250 ms measured) and production,
// which serves no explorer, never loads it.
function explorerPage() {
  page ??= import('@graphql-yoga/render-graphiql').then(({ renderGraphiQL }) => {
    const html = renderGraphiQL({ title: 'Labor cooperation API', defaultQuery: DEFAULT_QUERY, endpoint: '/graphql' });
    return { html, gzipped: gzipSync(html) };
  });
  return page;
}

/** True for a browser navigating to the endpoint (not a GraphQL GET request, which has ?query=). */
function wantsExplorer(request: Request, url: URL, endpoint: string): boolean {
  return request.method === 'GET' && url.pathname === endpoint && !url.searchParams.has('query') && (request.headers.get('accept') ?? '').includes('text/html');
}

export function useExplorer(endpoint = '/graphql'): GatewayPlugin {
  return {
    onRequest({ request, url, endResponse }) {
      // Synchronous for every other request: only the explorer waits for its page.
      if (!wantsExplorer(request, url, endpoint)) return;
      return explorerPage().then(({ html, gzipped }) => {
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
      });
    },
  };
}
