// Log Analytics workspace and workspace-based Application Insights, in the same region as the server, and the alert
// on failed deliveries.
//
// The server logs JSON lines (pino) to stdout. App Service sends them to this workspace as the AppServiceConsoleLogs
// table (the diagnostic setting in app-service.bicep); each line is in ResultDescription. When a message cannot be
// delivered to Teams for good, the server logs msg "delivery failed" (bot/core/outbox-worker.ts). The scheduled query
// rule below counts those lines every 15 minutes and fires when there is at least one; the action group e-mails
// alertEmail. tests/app-package/monitoring.test.ts checks the query against the message the code logs.

param baseName string
param location string
param tags object

@minValue(30)
@maxValue(730)
@description('Days Log Analytics keeps logs. Logs hold ids and display names: keep this short.')
param retentionInDays int = 30

@description('Who is e-mailed when deliveries fail (ALERT_EMAIL), for example a shared IT operations mailbox; empty for no e-mail (the alert still shows in the Azure portal).')
param alertEmail string = ''

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

resource alertActionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: 'ag-${baseName}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'laerekraft'
    enabled: true
    emailReceivers: [
      {
        name: 'operations'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

// One row per permanently failed delivery in the window. The `has` filter uses the table's index; parse_json then
// keeps only lines whose pino message is exactly "delivery failed".
var deliveryFailedQuery = '''
AppServiceConsoleLogs
| where ResultDescription has "delivery failed"
| extend entry = parse_json(ResultDescription)
| where tostring(entry.msg) == "delivery failed"
| project TimeGenerated, outboxId = tostring(entry.outboxId), teamId = tostring(entry.teamId), reason = tostring(entry.reason), attempts = toint(entry.attempts)
'''

resource deliveryFailedAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-${baseName}-delivery-failed'
  location: location
  tags: tags
  dependsOn: [
    alertActionGroup
  ]
  properties: {
    displayName: 'Lærekraft: messages could not be delivered to Teams'
    description: 'The server gave up sending one or more lessons, reflection rounds or reminders to Teams (log message "delivery failed"). The reason is in each row; docs/deploy.md, "Alerts", says what to do.'
    severity: 2
    enabled: true
    scopes: [
      workspace.id
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    // The table appears in the workspace with the first console log line, after the rule is created.
    skipQueryValidation: true
    // Stateful: one e-mail when failures start, one when a window passes without any.
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: deliveryFailedQuery
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: empty(alertEmail) ? [] : [
        resourceId('Microsoft.Insights/actionGroups', 'ag-${baseName}')
      ]
    }
  }
}

output workspaceId string = workspace.id
output applicationInsightsConnectionString string = applicationInsights.properties.ConnectionString
output deliveryFailedAlertName string = deliveryFailedAlert.name
