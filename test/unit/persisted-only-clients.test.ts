import { describe, expect, it } from 'vitest';
import { readGatewayConfig } from '../../gateway/serving/config.js';
import { defaultPersistedOnlyClients, WEB_APP_CLIENT_NAME } from '../../gateway/limits/persisted-documents.js';

describe('PERSISTED_ONLY_CLIENTS', () => {
  it('reads client names, * for everyone, and empty for nobody', () => {
    expect(readGatewayConfig({ PERSISTED_ONLY_CLIENTS: 'labor-cooperation-web, partner-app' }).persistedOnlyClients).toEqual([
      'labor-cooperation-web',
      'partner-app',
    ]);
    expect(readGatewayConfig({ PERSISTED_ONLY_CLIENTS: '*' }).persistedOnlyClients).toEqual(['*']);
    expect(readGatewayConfig({ PERSISTED_ONLY_CLIENTS: '' }).persistedOnlyClients).toEqual([]);
  });

  it('leaves the choice to the gateway when unset: the web app in production, nobody in development', () => {
    expect(readGatewayConfig({}).persistedOnlyClients).toBeUndefined();
    expect(defaultPersistedOnlyClients(true)).toEqual([WEB_APP_CLIENT_NAME]);
    expect(defaultPersistedOnlyClients(false)).toEqual([]);
  });

  it('refuses a value that is not client names, naming the variable', () => {
    expect(() => readGatewayConfig({ PERSISTED_ONLY_CLIENTS: 'web app; *' })).toThrow(
      'Invalid environment variable PERSISTED_ONLY_CLIENTS: must be `*` or comma-separated client names such as labor-cooperation-web',
    );
  });
});
