import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';
import * as teams from './0002-teams.js';
import * as scheduling from './0003-scheduling.js';
import * as nextSteps from './0004-next-steps-and-retention.js';
import * as retentionFlags from './0005-retention-flags.js';
import * as dashboardIndexes from './0006-dashboard-indexes.js';
import * as unlinkableAnswers from './0007-unlinkable-answers.js';
import * as usedLinks from './0008-used-links.js';
import * as fencedOutbox from './0009-fenced-outbox.js';
import * as tenantSendLeases from './0010-tenant-send-leases.js';
import * as dropConversationReferences from './0011-drop-conversation-references.js';
import * as tenantSettings from './0013-tenant-settings.js';
import * as orgReportIndexes from './0014-org-report-indexes.js';
import * as reportSummary from './0015-report-summary.js';
import * as coursesPerTeam from './0016-courses-per-team.js';
import * as tenantPacks from './0017-tenant-packs.js';
import * as knowledgeAndCertificates from './0018-knowledge-and-certificates.js';
import * as dilemmas from './0019-dilemmas.js';
import * as outboxForClicks from './0020-outbox-for-clicks.js';

/** Every migration, in order; add new ones at the end. */
export const migrations: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      '0001-initial': initial,
      '0002-teams': teams,
      '0003-scheduling': scheduling,
      '0004-next-steps-and-retention': nextSteps,
      '0005-retention-flags': retentionFlags,
      '0006-dashboard-indexes': dashboardIndexes,
      '0007-unlinkable-answers': unlinkableAnswers,
      '0008-used-links': usedLinks,
      '0009-fenced-outbox': fencedOutbox,
      '0010-tenant-send-leases': tenantSendLeases,
      '0011-drop-conversation-references': dropConversationReferences,
      '0013-tenant-settings': tenantSettings,
      '0014-org-report-indexes': orgReportIndexes,
      '0015-report-summary': reportSummary,
      '0016-courses-per-team': coursesPerTeam,
      '0017-tenant-packs': tenantPacks,
      '0018-knowledge-and-certificates': knowledgeAndCertificates,
      '0019-dilemmas': dilemmas,
      '0020-outbox-for-clicks': outboxForClicks,
    };
  },
};
