// Lærekraft on Azure: App Service (Linux, Node 22 LTS), Azure Bot (regional Europe) with the Teams channel,
// a user-assigned managed identity, PostgreSQL flexible server (private, TLS only), Key Vault, Application Insights.
// Deployed into one resource group by `atk provision --env <name>` (see m365agents.yml and docs/deploy.md).
// Every output is UPPER_SNAKE: the Agents Toolkit writes it to env/.env.<name>.

targetScope = 'resourceGroup'

@minLength(4)
@maxLength(16)
@description('Prefix of every resource name: lowercase letters, digits and hyphens, for example lk-oslo.')
param resourceBaseName string

@description('Azure region of every resource except the Azure Bot. EU/EEA regions only, for data residency.')
@allowed([
  'norwayeast'
  'norwaywest'
  'swedencentral'
  'northeurope'
  'westeurope'
  'germanywestcentral'
  'francecentral'
])
param location string = 'norwayeast'

@description('App Service plan size. B1 is the smallest size with Always On, which the scheduler needs.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
])
param appServiceSku string = 'B1'

@description('V8 heap limit of each server instance in MiB (NODE_OPTIONS --max-old-space-size). Without one, V8 lets garbage grow while memory is plentiful, so peak memory followed the length of a delivery run; with 256 it stays flat (npm run bench:sector) and the largest organisation report runs within it (npm run bench:org-report). Raise it for a larger plan or a heavier load.')
@minValue(192)
param nodeHeapLimitMiB int = 256

@description('Number of server instances, 1 to 10, as text (INSTANCE_COUNT). More than one is safe: state and schedules live in PostgreSQL.')
param instanceCount string = '1'

@description('Custom host name already bound to the App Service (docs/deploy.md, appendix B); empty to use <app>.azurewebsites.net.')
param customDomain string = ''

@description('Client id of the Entra app registration for single sign-on in the tabs (written by aadApp/create).')
param aadAppClientId string

@description('Tenant of that Entra app registration.')
param aadAppTenantId string = tenant().tenantId

@description('Tenants whose users may use the app, comma-separated; empty means the tenant of this subscription only.')
param allowedTenantIds string = ''

@description('How the bot authenticates to the Bot Connector: the managed identity (no secret) or an app registration with a secret.')
@allowed([
  'UserAssignedMsi'
  'SingleTenant'
])
param botAuthType string = 'UserAssignedMsi'

@description('SingleTenant only: client id of the bot\'s app registration.')
param botAppId string = ''

@secure()
@description('SingleTenant only: client secret of the bot\'s app registration; stored in Key Vault.')
param botPassword string = ''

@secure()
@description('DATA_KEY: 32 random bytes in base64 (openssl rand -base64 32) that seal reflections. Written to Key Vault when given; when empty, the key already in Key Vault is kept. Never change it once set: sealed reflections would become unreadable.')
param dataKey string = ''

@description('PostgreSQL administrator login name.')
param postgresAdminLogin string = 'laerekraft_admin'

@secure()
@minLength(16)
@description('PostgreSQL administrator password (from SECRET_POSTGRES_ADMIN_PASSWORD in env/.env.<name>.user); stored in Key Vault as part of DATABASE_URL.')
param postgresAdminPassword string

@description('Name of the PostgreSQL server; empty for psql-<resourceBaseName>. Set after a restore to adopt the restored server (docs/deploy.md, backups).')
param postgresServerName string = ''

@description('PostgreSQL compute size; Standard_B1ms is enough for a municipality.')
param postgresSkuName string = 'Standard_B1ms'

@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'Burstable'

@minValue(32)
param postgresStorageSizeGB int = 32

@description('Days of point-in-time restore that PostgreSQL keeps, 7 to 35, as text (POSTGRES_BACKUP_RETENTION_DAYS).')
param postgresBackupRetentionDays string = '14'

@allowed([
  'Disabled'
  'Enabled'
])
@description('Copy backups to the paired region as well (Norway East pairs with Norway West). Can only be chosen when the server is created.')
param postgresGeoRedundantBackup string = 'Disabled'

@description('E-mail address told when messages cannot be delivered to Teams (ALERT_EMAIL); empty for no e-mail.')
param alertEmail string = ''

@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
  'silent'
])
param logLevel string = 'info'

@description('Tags put on every resource.')
param tags object = {
  application: 'laerekraft'
}

// The Azure Bot resource is regional (Europe): its data stays in the EU Data Boundary. westeurope is the
// location Azure uses for "regional: Europe" bots; it is independent of where the server runs.
var botLocation = 'westeurope'
var databaseName = 'laerekraft'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: 'id-${resourceBaseName}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    baseName: resourceBaseName
    location: location
    tags: tags
    // An unfilled ${{ALERT_EMAIL}} (the variable missing from an older env file) means no e-mail.
    alertEmail: contains(alertEmail, '$') ? '' : alertEmail
  }
}

module network 'modules/network.bicep' = {
  name: 'network'
  params: {
    baseName: resourceBaseName
    location: location
    tags: tags
  }
}

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  params: {
    name: empty(postgresServerName) ? 'psql-${resourceBaseName}' : postgresServerName
    location: location
    tags: tags
    databaseName: databaseName
    administratorLogin: postgresAdminLogin
    administratorPassword: postgresAdminPassword
    skuName: postgresSkuName
    skuTier: postgresSkuTier
    storageSizeGB: postgresStorageSizeGB
    backupRetentionDays: int(postgresBackupRetentionDays)
    geoRedundantBackup: postgresGeoRedundantBackup
    delegatedSubnetId: network.outputs.postgresSubnetId
    privateDnsZoneId: network.outputs.postgresDnsZoneId
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  params: {
    name: take('kv-${resourceBaseName}-${uniqueString(resourceGroup().id)}', 24)
    location: location
    tags: tags
    readerPrincipalId: identity.outputs.principalId
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
  }
}

module secrets 'modules/key-vault-secrets.bicep' = {
  name: 'key-vault-secrets'
  params: {
    keyVaultName: keyVault.outputs.name
    databaseUrl: 'postgresql://${uriComponent(postgresAdminLogin)}:${uriComponent(postgresAdminPassword)}@${postgres.outputs.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=verify-full'
    botPassword: botAuthType == 'SingleTenant' ? botPassword : ''
    dataKey: dataKey
  }
}

module appService 'modules/app-service.bicep' = {
  name: 'app-service'
  params: {
    baseName: resourceBaseName
    location: location
    tags: tags
    sku: appServiceSku
    instanceCount: int(instanceCount)
    identityId: identity.outputs.id
    subnetId: network.outputs.appSubnetId
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
  }
}

var botDomain = empty(customDomain) ? appService.outputs.defaultHostName : customDomain
var botId = botAuthType == 'UserAssignedMsi' ? identity.outputs.clientId : botAppId
var aadAppIdUri = 'api://${botDomain}/${aadAppClientId}'

module appSettings 'modules/app-settings.bicep' = {
  name: 'app-settings'
  params: {
    appServiceName: appService.outputs.name
    botId: botId
    botType: botAuthType
    botTenantId: tenant().tenantId
    botDomain: botDomain
    databaseUrlSecretUri: secrets.outputs.databaseUrlSecretUri
    botPasswordSecretUri: secrets.outputs.botPasswordSecretUri
    dataKeySecretUri: secrets.outputs.dataKeySecretUri
    aadAppClientId: aadAppClientId
    aadAppTenantId: aadAppTenantId
    aadAppIdUri: aadAppIdUri
    allowedTenantIds: empty(allowedTenantIds) ? tenant().tenantId : allowedTenantIds
    logLevel: logLevel
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    nodeHeapLimitMiB: nodeHeapLimitMiB
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: 'bot-${resourceBaseName}'
    location: botLocation
    tags: tags
    displayName: 'Lærekraft'
    messagingEndpoint: 'https://${botDomain}/api/messages'
    appType: botAuthType == 'UserAssignedMsi' ? 'UserAssignedMSI' : 'SingleTenant'
    appId: botId
    appTenantId: tenant().tenantId
    identityId: botAuthType == 'UserAssignedMsi' ? identity.outputs.id : ''
  }
}

output BOT_ID string = botId
output BOT_TENANT_ID string = tenant().tenantId
output BOT_TYPE string = botAuthType
output BOT_DOMAIN string = botDomain
output BOT_ENDPOINT string = 'https://${botDomain}'
output AAD_APP_ID_URI string = aadAppIdUri
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = appService.outputs.id
output AZURE_APP_SERVICE_NAME string = appService.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_POSTGRES_SERVER_NAME string = postgres.outputs.name
output BOT_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output AZURE_BOT_NAME string = bot.outputs.name
