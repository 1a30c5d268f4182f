import {
  PostgresDialect,
  PostgresIntrospector,
  sql,
  type DatabaseIntrospector,
  type Kysely,
  type PostgresDialectConfig,
  type TableMetadata,
} from 'kysely';

/**
 * Kysely's PostgreSQL dialect whose introspector lists the tables of one schema only (the
 * installation's, or the current one). Kysely's own lists every schema's columns and calls
 * has_schema_privilege(name) on each: a schema that another installation (or test run) drops
 * meanwhile makes that query fail with "schema … does not exist" — and the migrator asks it at
 * every start. Only table names are needed there (columns are left empty).
 */
export class OneSchemaDialect extends PostgresDialect {
  readonly #schema: string | null;

  constructor(config: PostgresDialectConfig, schema: string | null) {
    super(config);
    this.#schema = schema;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's own signature
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new OneSchemaIntrospector(db, this.#schema);
  }
}

class OneSchemaIntrospector extends PostgresIntrospector {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  readonly #db: Kysely<any>;
  readonly #schema: string | null;

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  constructor(db: Kysely<any>, schema: string | null) {
    super(db);
    this.#db = db;
    this.#schema = schema;
  }

  override async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string; kind: string }>`
      select c.relname as name, n.nspname as schema, c.relkind as kind
      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p', 'v', 'm', 'f')
        and n.nspname = coalesce(${this.#schema}::text, current_schema())`.execute(this.#db);
    return rows.map((r) => ({
      name: r.name,
      schema: r.schema,
      isView: r.kind === 'v',
      columns: [],
    }));
  }
}
