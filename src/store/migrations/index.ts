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
          .createTable('observation')
          .addColumn('id', isPg ? 'bigserial' : 'integer', (c) =>
            isPg ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('region', 'varchar(6)', (c) => c.notNull())
          .addColumn('indicator', 'text', (c) => c.notNull())
          .addColumn('period', 'text', (c) => c.notNull())
          .addColumn('revision', 'integer', (c) => c.notNull())
          .addColumn('value', isPg ? 'numeric' : 'text')
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('reason', 'text')
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('old_value', isPg ? 'numeric' : 'text')
          .addColumn('old_status', 'text')
          .addColumn('current', 'integer', (c) => c.notNull())
          .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema
          .createIndex('observation_key_revision')
          .on('observation')
          .columns(['region', 'indicator', 'period', 'revision'])
          .unique()
          .execute();
        // At most one current revision per value; the index every read uses.
        await db.schema
          .createIndex('observation_current')
          .on('observation')
          .columns(['period', 'indicator', 'region'])
          .unique()
          .where(sql.ref('current'), '=', 1)
          .execute();
        await db.schema
          .createIndex('observation_status')
          .on('observation')
          .columns(['status', 'period'])
          .where(sql.ref('current'), '=', 1)
          .execute();
        await db.schema
          .createTable('import_batch')
          .addColumn('id', isPg ? 'serial' : 'integer', (c) =>
            isPg ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('file', 'text', (c) => c.notNull())
          .addColumn('sha256', 'text', (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('rows', 'integer', (c) => c.notNull())
          .addColumn('changes', 'integer', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('meta')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
      },
    },
  };
}
