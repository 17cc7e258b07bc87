import { Migrator, type Migration, type MigrationResultSet } from 'kysely';
import { createDb, ensureDatabase, type Db } from './db.ts';
import * as core from './migrations/2026-11-26T00-core.ts';
import * as issues from './migrations/2026-11-26T01-issues.ts';
import * as clocks from './migrations/2026-11-26T02-clocks.ts';
import * as calendarDays from './migrations/2026-11-26T03-calendar-days.ts';
import * as notifications from './migrations/2026-11-26T04-notifications.ts';
import * as outboxQueue from './migrations/2026-11-26T05-outbox-queue.ts';
import * as projects from './migrations/2026-11-26T08-projects.ts';
import * as bulletins from './migrations/2026-11-26T07-bulletins.ts';
import * as ledgerChain from './migrations/2026-11-26T09-ledger-chain.ts';
import * as projectClocks from './migrations/2026-11-26T10-project-clocks.ts';
import * as manualOrders from './migrations/2026-11-26T11-manual-orders.ts';
import * as readIndexes from './migrations/2026-11-26T12-read-indexes.ts';
import * as openListIndexes from './migrations/2026-11-26T13-open-list-indexes.ts';
import * as issueNumberSequences from './migrations/2026-11-26T14-issue-number-sequences.ts';
import * as sessionNotices from './migrations/2026-11-26T15-session-notices.ts';
import * as limitBounds from './migrations/2026-12-05T16-limit-bounds.ts';
import * as milestonePlans from './migrations/2026-12-05T17-milestone-plans.ts';
import * as idempotentRequests from './migrations/2026-12-05T18-idempotent-requests.ts';
import * as noticeChannels from './migrations/2026-12-06T22-notice-channels.ts';
import * as apiKeys from './migrations/2026-12-06T19-api-keys.ts';
import * as ledgerCheckpoints from './migrations/2026-12-06T21-ledger-checkpoints.ts';
import * as accountSafety from './migrations/2026-12-06T20-account-safety.ts';
import * as issueTexts from './migrations/2026-12-06T24-issue-texts.ts';
import * as onboarding from './migrations/2026-12-06T23-onboarding.ts';
import * as bulletinRevisions from './migrations/2026-12-06T26-bulletin-revisions.ts';
import * as reminders from './migrations/2026-12-06T25-reminders.ts';
import * as issueLinks from './migrations/2026-12-06T27-issue-links.ts';
import * as boardIndex from './migrations/2026-12-06T28-board-index.ts';
import * as governanceTasks from './migrations/2026-12-06T30-governance-tasks.ts';
import * as openIssueTracks from './migrations/2026-12-06T31-open-issue-tracks.ts';
import * as openIssueGroups from './migrations/2026-12-07T32-open-issue-groups.ts';
import * as openIssueReaders from './migrations/2026-12-07T33-open-issue-readers.ts';
import * as newestFirstPages from './migrations/2026-12-07T34-newest-first-pages.ts';
import * as outboxByTopic from './migrations/2026-12-07T35-outbox-by-topic.ts';

/** Numbered migrations, applied in name order. Listed here so a bundle or tsx finds them all. */
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-26T00-core': core,
  '2026-11-26T01-issues': issues,
  '2026-11-26T02-clocks': clocks,
  '2026-11-26T03-calendar-days': calendarDays,
  '2026-11-26T04-notifications': notifications,
  '2026-11-26T05-outbox-queue': outboxQueue,
  '2026-11-26T08-projects': projects,
  '2026-11-26T07-bulletins': bulletins,
  '2026-11-26T09-ledger-chain': ledgerChain,
  '2026-11-26T10-project-clocks': projectClocks,
  '2026-11-26T11-manual-orders': manualOrders,
  '2026-11-26T12-read-indexes': readIndexes,
  '2026-11-26T13-open-list-indexes': openListIndexes,
  '2026-11-26T14-issue-number-sequences': issueNumberSequences,
  '2026-11-26T15-session-notices': sessionNotices,
  '2026-12-05T16-limit-bounds': limitBounds,
  '2026-12-05T17-milestone-plans': milestonePlans,
  '2026-12-05T18-idempotent-requests': idempotentRequests,
  '2026-12-06T19-api-keys': apiKeys,
  '2026-12-06T21-ledger-checkpoints': ledgerCheckpoints,
  '2026-12-06T20-account-safety': accountSafety,
  '2026-12-06T24-issue-texts': issueTexts,
  '2026-12-06T22-notice-channels': noticeChannels,
  '2026-12-06T23-onboarding': onboarding,
  '2026-12-06T26-bulletin-revisions': bulletinRevisions,
  '2026-12-06T25-reminders': reminders,
  '2026-12-06T27-issue-links': issueLinks,
  '2026-12-06T28-board-index': boardIndex,
  '2026-12-06T30-governance-tasks': governanceTasks,
  '2026-12-06T31-open-issue-tracks': openIssueTracks,
  '2026-12-07T32-open-issue-groups': openIssueGroups,
  '2026-12-07T33-open-issue-readers': openIssueReaders,
  '2026-12-07T34-newest-first-pages': newestFirstPages,
  '2026-12-07T35-outbox-by-topic': outboxByTopic,
};

const migratorOf = (db: Db) => new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS }, migrationTableName: 'kysely_migration' });

/** Applies every pending migration. Never throws: the result says what happened. */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  return migratorOf(db).migrateToLatest();
}

/** Migrates up or down to the named migration (a rollback, or a test of one migration's data). Never throws. */
export async function migrateTo(db: Db, name: keyof typeof MIGRATIONS): Promise<MigrationResultSet> {
  return migratorOf(db).migrateTo(name);
}

/** Creates the database if missing and migrates it; throws when a migration fails. */
export async function prepareDatabase(databaseUrl: string): Promise<void> {
  await ensureDatabase(databaseUrl);
  const db = createDb(databaseUrl, { max: 1 });
  try {
    const { error } = await migrateToLatest(db);
    if (error) throw error;
  } finally {
    await db.destroy();
  }
}
