// The environment of the Lærekraft server: every variable that bot/config.ts reads and infra can know.
// The rest is listed, with how to set it, in infra/manual-settings.json (tests/app-package checks both).
// Secrets are Key Vault references resolved by the managed identity; no secret value is stored here.
// Settings an administrator added by hand (az webapp config appsettings set) are kept: the current settings
// are read and the ones below are laid over them.

param appServiceName string
param botId string
@allowed([
  'UserAssignedMsi'
  'SingleTenant'
])
param botType string
param botTenantId string
param botDomain string
param databaseUrlSecretUri string
@description('Key Vault URI of the DATA_KEY secret that seals reflections.')
param dataKeySecretUri string
@description('Empty for a UserAssignedMsi bot.')
param botPasswordSecretUri string
param aadAppClientId string
param aadAppTenantId string
param aadAppIdUri string
param allowedTenantIds string
param logLevel string
param applicationInsightsConnectionString string
@description('V8 heap limit of the server in MiB.')
param nodeHeapLimitMiB int

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: appServiceName
}

var serverSettings = {
  NODE_ENV: 'production'
  LOG_LEVEL: logLevel
  BOT_ID: botId
  BOT_TYPE: botType
  BOT_TENANT_ID: botTenantId
  BOT_DOMAIN: botDomain
  DATABASE_URL: '@Microsoft.KeyVault(SecretUri=${databaseUrlSecretUri})'
  DATA_KEY: '@Microsoft.KeyVault(SecretUri=${dataKeySecretUri})'
  AAD_APP_CLIENT_ID: aadAppClientId
  AAD_APP_TENANT_ID: aadAppTenantId
  AAD_APP_ID_URI: aadAppIdUri
  ALLOWED_TENANT_IDS: allowedTenantIds
}

var botPasswordSetting = empty(botPasswordSecretUri) ? {} : {
  BOT_PASSWORD: '@Microsoft.KeyVault(SecretUri=${botPasswordSecretUri})'
}

var platformSettings = {
  // On deployment App Service installs the uploaded package's production dependencies on Linux, so native modules
  // match the server. Nothing is built there: `npm run package:deploy` builds first and the package has no build script.
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'true'
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  ApplicationInsightsAgent_EXTENSION_VERSION: '~3'
  // A heap limit keeps an instance's peak memory flat however many people it reminds (docs/deploy.md).
  NODE_OPTIONS: '--max-old-space-size=${nodeHeapLimitMiB}'
}

var currentSettings = list('${site.id}/config/appsettings', '2024-04-01').properties

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(currentSettings, serverSettings, botPasswordSetting, platformSettings)
}
