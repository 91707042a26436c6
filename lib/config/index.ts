export { ConfigError, isLocalUrl, parseConfig, type Config } from './parse-config'
export { getConfig, resetConfigForTests } from './get-config'
export { ensureLocalSecrets, GENERATED_SECRETS } from './ensure-local-secrets'
