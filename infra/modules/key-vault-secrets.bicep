// The secrets the server reads through Key Vault references. Only names and URIs leave this module.

param keyVaultName string

@secure()
@description('postgresql://… connection string with sslmode=verify-full.')
param databaseUrl string

@secure()
@description('Client secret of a SingleTenant bot; empty for a UserAssignedMsi bot (then no secret is stored).')
param botPassword string = ''

@secure()
@description('DATA_KEY (base64 of 32 random bytes). Empty, or a placeholder the Toolkit left unfilled: keep the secret already in Key Vault.')
param dataKey string = ''

// base64 never contains "$", so an unfilled ${{SECRET_DATA_KEY}} can never overwrite the real key.
var writeDataKey = !empty(dataKey) && !contains(dataKey, '$')

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'database-url'
  properties: {
    value: databaseUrl
    contentType: 'PostgreSQL connection string'
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(botPassword)) {
  parent: vault
  name: 'bot-password'
  properties: {
    value: botPassword
    contentType: 'Bot app registration client secret'
  }
}

resource dataKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (writeDataKey) {
  parent: vault
  name: 'data-key'
  properties: {
    value: dataKey
    contentType: 'Lærekraft DATA_KEY (base64, 32 bytes); never change: it seals stored reflections'
  }
}

// Unversioned URIs: a Key Vault reference to them always resolves the newest version.
output databaseUrlSecretUri string = databaseUrlSecret.properties.secretUri
output dataKeySecretUri string = '${vault.properties.vaultUri}secrets/data-key/'
output botPasswordSecretUri string = empty(botPassword) ? '' : '${vault.properties.vaultUri}secrets/bot-password/'
