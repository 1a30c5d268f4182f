import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Forward-only migrations. They take Kysely<any> so they never depend on today's schema type;
 * a shipped migration is never edited — a change is a new one.
 */
export function migrations(dialect: 'sqlite' | 'postgres'): Record<string, Migration> {
  const isPg = dialect === 'postgres';
  return {
    '0001_init': {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today’s schema type
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('region')
          .addColumn('code', 'varchar(6)', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('level', 'text', (c) => c.notNull())
          .addColumn('parent_code', 'varchar(6)')
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('attributes', 'text', (c) => c.notNull())
          .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema
          .createTable('plan')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('builtin', 'integer', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('change_set')
          .addColumn('id', isPg ? 'bigserial' : 'integer', (c) =>
            isPg ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('reason', 'text')
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        for (const table of ['observation', 'observation_history']) {
          await db.schema
            .createTable(table)
            .addColumn('id', isPg ? 'bigserial' : 'integer', (c) =>
              isPg ? c.primaryKey() : c.primaryKey().autoIncrement(),
            )
            .addColumn('region', 'varchar(6)', (c) => c.notNull())
            .addColumn('indicator', 'text', (c) => c.notNull())
            .addColumn('period', 'text', (c) => c.notNull())
            .addColumn('revision', 'integer', (c) => c.notNull())
            .addColumn('value', isPg ? 'numeric' : 'text')
            .addColumn('status', 'text', (c) => c.notNull())
            // No foreign key: the change set is written first in the same transaction, and a
            // per-row check would halve PostgreSQL's bulk import speed.
            .addColumn('change_set', 'bigint', (c) => c.notNull())
            .addColumn('old_value', isPg ? 'numeric' : 'text')
            .addColumn('old_status', 'text')
            .execute();
        }
        // One current revision per value; the index every read and every import uses.
        await db.schema
          .createIndex('observation_key')
          .on('observation')
          .columns(['period', 'indicator', 'region'])
          .unique()
          .execute();
        // Every earlier revision once; the path to a value's history.
        await db.schema
          .createIndex('observation_history_key')
          .on('observation_history')
          .columns(['period', 'indicator', 'region', 'revision'])
          .unique()
          .execute();
        await db.schema
          .createTable('meta')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0002_users_sessions': {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('app_user')
          .addColumn('username', 'text', (c) => c.primaryKey())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('region', 'varchar(6)')
          .addColumn('department', 'text')
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        // Sessions live in the database so any number of server instances can serve them.
        // The id is stored hashed: a copy of the table does not give away live sessions.
        await db.schema
          .createTable('app_session')
          .addColumn('id_hash', 'text', (c) => c.primaryKey())
          .addColumn('username', 'text', (c) => c.notNull())
          .addColumn('csrf', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('login_attempt')
          .addColumn('id', isPg ? 'bigserial' : 'integer', (c) =>
            isPg ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('username', 'text', (c) => c.notNull())
          .addColumn('address', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('ok', 'integer', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('login_attempt_at')
          .on('login_attempt')
          .columns(['at'])
          .execute();
        // A period whose values are published: readable by everyone signed in.
        await db.schema
          .createTable('publication')
          .addColumn('period', 'text', (c) => c.primaryKey())
          .addColumn('published_at', 'text', (c) => c.notNull())
          .addColumn('published_by', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0003_login_throttle_users': {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
      async up(db: Kysely<any>) {
        // A disabled user keeps its name (the audit trail refers to it) but cannot sign in.
        await db.schema
          .alterTable('app_user')
          .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        // Login attempts per (user name, address), and per address alone (username ''),
        // counted by one atomic upsert before the password is checked.
        await db.schema
          .createTable('login_throttle')
          .addColumn('username', 'text', (c) => c.notNull())
          .addColumn('address', 'text', (c) => c.notNull())
          .addColumn('window_start', 'text', (c) => c.notNull())
          .addColumn('failures', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('login_throttle_key', ['username', 'address'])
          .execute();
        await db.schema
          .createIndex('login_throttle_window')
          .on('login_throttle')
          .columns(['window_start'])
          .execute();
        // Ending a user's sessions (password reset, disable, remove) finds them by name.
        await db.schema
          .createIndex('app_session_username')
          .on('app_session')
          .columns(['username'])
          .execute();
      },
    },
    '0004_published_values': {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
      async up(db: Kysely<any>) {
        // The published value of each current value: its newest approved revision, kept beside a
        // pending revision so published results do not move before the change is approved.
        for (const [column, type] of [
          ['approved_value', isPg ? 'numeric' : 'text'],
          ['approved_revision', 'integer'],
          ['approved_change_set', 'bigint'],
        ] as const) {
          await db.schema.alterTable('observation').addColumn(column, type).execute();
        }
        await sql`update observation set approved_value = value, approved_revision = revision,
          approved_change_set = change_set where status = 'approved'`.execute(db);
        await sql`update observation set (approved_value, approved_revision, approved_change_set) =
          (select h.value, h.revision, h.change_set from observation_history h
            where h.period = observation.period and h.indicator = observation.indicator
              and h.region = observation.region and h.status = 'approved'
            order by h.revision desc limit 1)
          where status <> 'approved' and exists (select 1 from observation_history h
            where h.period = observation.period and h.indicator = observation.indicator
              and h.region = observation.region and h.status = 'approved')`.execute(db);
      },
    },
    '0005_reminders_admin_log': {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
      async up(db: Kysely<any>) {
        const id = (t: string) =>
          db.schema
            .createTable(t)
            .addColumn('id', isPg ? 'bigserial' : 'integer', (c) =>
              isPg ? c.primaryKey() : c.primaryKey().autoIncrement(),
            );
        // A reminder (催报) to one county about one plan's period: sent by a person, or by the
        // server the day after the due date. `auto_key` is set only on automatic ones and is
        // unique, so several instances running the job create each reminder once.
        await id('reminder')
          .addColumn('plan', 'text', (c) => c.notNull())
          .addColumn('period', 'text', (c) => c.notNull())
          .addColumn('region', 'varchar(6)', (c) => c.notNull())
          .addColumn('due', 'text', (c) => c.notNull())
          .addColumn('missing', 'integer', (c) => c.notNull())
          .addColumn('note', 'text')
          .addColumn('sent_by', 'text', (c) => c.notNull())
          .addColumn('sent_at', 'text', (c) => c.notNull())
          .addColumn('auto_key', 'text', (c) => c.unique())
          .addColumn('read_by', 'text')
          .addColumn('read_at', 'text')
          .execute();
        await db.schema
          .createIndex('reminder_region')
          .on('reminder')
          .columns(['region', 'sent_at'])
          .execute();
        // Changes to reference data (region attributes, users, plans): who, when, what, before
        // and after (JSON), why. Observations have their own trail in change sets.
        await id('admin_log')
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('target', 'text', (c) => c.notNull())
          .addColumn('old', 'text')
          .addColumn('new', 'text')
          .addColumn('reason', 'text')
          .execute();
        await db.schema
          .createIndex('admin_log_target')
          .on('admin_log')
          .columns(['target', 'at'])
          .execute();
      },
    },
    '0006_bulletins': {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
      async up(db: Kysely<any>) {
        // A stored bulletin (月通报): what it said (the core's Bulletin as JSON), made when a
        // period was published or regenerated on demand. Never updated: regenerating adds the
        // next version, and the unique key stops two instances writing the same one.
        await db.schema
          .createTable('bulletin')
          .addColumn('id', isPg ? 'bigserial' : 'integer', (c) =>
            isPg ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('plan', 'text', (c) => c.notNull())
          .addColumn('period', 'text', (c) => c.notNull())
          .addColumn('scope', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text')
          .addColumn('synthetic', 'integer', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addUniqueConstraint('bulletin_version', ['plan', 'period', 'scope', 'version'])
          .execute();
      },
    },
    '0007_judgement_evidence': {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
      async up(db: Kysely<any>) {
        // What a recorded judgement (人工评定) rests on: a document number, a link or a file
        // name. Kept with the act, beside its note (`reason`); null for every other act.
        await db.schema.alterTable('change_set').addColumn('evidence', 'text').execute();
      },
    },
    '0008_ledgers': {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
      async up(db: Kysely<any>) {
        const serial = (t: string) =>
          db.schema
            .createTable(t)
            .addColumn('id', isPg ? 'bigserial' : 'integer', (c) =>
              isPg ? c.primaryKey() : c.primaryKey().autoIncrement(),
            );
        // A project (项目台账) keeps its id across months; a ledger row finds it by county and
        // name (`name_key`, the name without spaces), so a monthly re-import never duplicates it.
        await db.schema
          .createTable('project')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('county', 'varchar(6)', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('name_key', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('change_set', 'bigint', (c) => c.notNull())
          .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
          .addUniqueConstraint('project_county_name', ['county', 'name_key'])
          .execute();
        // A project's monthly report, as observations keep values: the current revision here,
        // every superseded one in the history, each with its change set (who, when, why).
        for (const table of ['project_report', 'project_report_history']) {
          let t = serial(table)
            .addColumn('project', 'text', (c) => c.notNull())
            .addColumn('county', 'varchar(6)', (c) => c.notNull())
            .addColumn('period', 'text', (c) => c.notNull())
            .addColumn('revision', 'integer', (c) => c.notNull())
            .addColumn('body', 'text', (c) => c.notNull())
            .addColumn('completed_ytd', isPg ? 'numeric' : 'text')
            .addColumn('status', 'text', (c) => c.notNull())
            .addColumn('change_set', 'bigint', (c) => c.notNull())
            .addColumn('old_body', 'text')
            .addColumn('old_status', 'text');
          if (table === 'project_report') {
            t = t.addUniqueConstraint('project_report_key', ['project', 'period']);
          }
          await t.execute();
        }
        await db.schema
          .createIndex('project_report_county')
          .on('project_report')
          .columns(['county', 'period'])
          .execute();
        await db.schema
          .createIndex('project_report_history_key')
          .on('project_report_history')
          .columns(['project', 'period'])
          .execute();
        // Progress on a plan's tasks (任务台账), reported by the lead unit; never edited, a
        // correction is a new report.
        await serial('task_report')
          .addColumn('plan', 'text', (c) => c.notNull())
          .addColumn('task', 'integer', (c) => c.notNull())
          .addColumn('date', 'text', (c) => c.notNull())
          .addColumn('department', 'text', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('percent', 'integer')
          .addColumn('evidence', 'text')
          .addColumn('done', 'integer', (c) => c.notNull())
          .addColumn('change_set', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('task_report_task')
          .on('task_report')
          .columns(['plan', 'task', 'date'])
          .execute();
        // A county's leading industries (主导工业清单); changes are written to admin_log.
        await db.schema
          .createTable('leading_industry')
          .addColumn('county', 'varchar(6)', (c) => c.notNull())
          .addColumn('position', 'integer', (c) => c.notNull())
          .addColumn('industry', 'text', (c) => c.notNull())
          .addColumn('policy', 'text')
          .addColumn('enterprises', 'text', (c) => c.notNull())
          .addColumn('figures', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('updated_by', 'text', (c) => c.notNull())
          .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
          .addPrimaryKeyConstraint('leading_industry_key', ['county', 'position'])
          .execute();
      },
    },
  };
}
