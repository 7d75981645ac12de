// Log Analytics workspace and workspace-based Application Insights, in the same region as the server.

param baseName string
param location string
param tags object

@minValue(30)
@maxValue(730)
@description('Days Log Analytics keeps logs. Logs hold ids and display names: keep this short.')
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${baseName}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${baseName}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    RetentionInDays: retentionInDays
    IngestionMode: 'LogAnalytics'
  }
}

output workspaceId string = workspace.id
output applicationInsightsConnectionString string = applicationInsights.properties.ConnectionString
