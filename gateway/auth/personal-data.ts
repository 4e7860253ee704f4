/**
 * Personal data is declared once, in the core subgraphs' SDL: a field (or its type, or the scalar
 * or enum it returns) carrying `@policy(policies: [["personal_data"]])`. Everything that needs the
 * list reads that one declaration:
 * - the gateway's directive auth (directive-auth.ts) reads `@policy` from the composed supergraph
 *   and lets only the roles of `POLICIES.personal_data` (client-auth.ts) select those fields;
 * - `npm run compose` (partner-policy.ts, `personalDataFields`) refuses a partner subgraph any
 *   field set that would bring one of them to it, unless its list entry grants that field.
 * No second list to keep in step: adding `@policy(personal_data)` to a core field protects it on
 * both paths at the next `npm run compose`.
 */
export const PERSONAL_DATA_POLICY = 'personal_data';
