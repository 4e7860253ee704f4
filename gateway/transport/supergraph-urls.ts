/**
 * Rewrites the subgraph URLs a supergraph carries (`@join__graph(name: "people", url: "…")`), for
 * tests and tools that run the subgraphs somewhere else than the ports composition wrote.
 */
export function withSubgraphUrls(supergraph: string, urls: Readonly<Record<string, string>>, options: { ignoreMissing?: boolean } = {}): string {
  let rewritten = supergraph;
  for (const [name, url] of Object.entries(urls)) {
    const pattern = new RegExp(`(@join__graph\\(name: "${name}", url: )"[^"]*"`);
    if (!pattern.test(rewritten)) {
      // A published supergraph may leave a partner out (its kill switch); the others still apply.
      if (options.ignoreMissing) continue;
      throw new Error(`The supergraph has no subgraph named "${name}".`);
    }
    rewritten = rewritten.replace(pattern, `$1${JSON.stringify(url)}`);
  }
  return rewritten;
}
