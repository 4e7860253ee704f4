/**
 * The vanilla @apollo/gateway Lambda handler the benchmark compares our gateway's cold start with:
 * Apollo Server + @apollo/gateway on the same supergraph, through Apollo's own Lambda integration,
 * built by the same esbuild settings as our bundles.
 */
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { handlers, startServerAndCreateLambdaHandler } from '@as-integrations/aws-lambda';
import { readFileSync } from 'node:fs';
import { withoutSecurityFeatures } from '../apollo-supergraph.js';

const SUPERGRAPH = new URL('../../gateway/supergraph.graphql', import.meta.url);

const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: withoutSecurityFeatures(readFileSync(SUPERGRAPH, 'utf8')) }) });
export const handler = startServerAndCreateLambdaHandler(server, handlers.createAPIGatewayProxyEventV2RequestHandler());
