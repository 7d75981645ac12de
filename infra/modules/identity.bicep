// The user-assigned managed identity of the server: the bot's identity towards the Bot Connector
// (BOT_TYPE=UserAssignedMsi, so there is no bot secret) and the identity that reads Key Vault.

param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
