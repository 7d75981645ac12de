// The Azure Bot resource: regional (Europe) data residency, messaging endpoint on the server's domain,
// Microsoft Teams channel. With appType UserAssignedMSI the bot signs in as the managed identity.

param name string
@allowed([
  'westeurope'
])
@description('westeurope = "regional: Europe" data residency for the Azure Bot resource.')
param location string
param tags object
@maxLength(42)
param displayName string
@description('https://<BOT_DOMAIN>/api/messages')
param messagingEndpoint string
@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param appType string
param appId string
param appTenantId string
@description('Resource id of the managed identity when appType is UserAssignedMSI; empty otherwise.')
param identityId string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: location
  tags: tags
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: displayName
    endpoint: messagingEndpoint
    msaAppType: appType
    msaAppId: appId
    msaAppTenantId: appTenantId
    msaAppMSIResourceId: appType == 'UserAssignedMSI' ? identityId : null
    disableLocalAuth: false
    publicNetworkAccess: 'Enabled'
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: location
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      acceptedTerms: true
    }
  }
}

output name string = bot.name
