import { inject } from 'vitest';

// Subgraph handlers read the gateway's public key from the environment at creation, as in Lambda.
process.env.GATEWAY_PUBLIC_KEY = inject('keys').gatewayPublicKey;
