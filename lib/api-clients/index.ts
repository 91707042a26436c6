export { generateApiKey, hashApiKey, isApiKeyShape } from './api-key'
export { authenticateApiClient, type ApiClientIdentity } from './authenticate-api-client'
export { createApiClient, listApiClients, revokeApiClient, ZApiClientName } from './manage-api-clients'
