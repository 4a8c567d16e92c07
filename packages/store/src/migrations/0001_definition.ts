import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The election definition, normalised for what the HQ queries (issue 2). Frozen once
 * released: a later change is a new migration, never an edit here. Written only with the
 * schema builder's portable subset so that the same statements run on SQLite, PostgreSQL and a
 * PostgreSQL-compatible distributed engine (DESIGN §6); the type choices are explained on the
 * `Database` interface (database.ts). The CHECK lists copy core's enums as they are today;
 * migrations.test.ts fails when core's enums drift from them, which is the cue for a migration.
 */

export const definitionMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const s = db.schema;

    await s
      .createTable('election')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('format_version', 'integer', (c) => c.notNull())
      .addColumn('document', 'text', (c) => c.notNull())
      .addColumn('title_fa', 'text', (c) => c.notNull())
      .addColumn('title_en', 'text', (c) => c.notNull())
      .addColumn('round', 'integer', (c) => c.notNull())
      .addColumn('voting_day', 'text', (c) => c.notNull())
      .addColumn('loaded_at', 'text', (c) => c.notNull())
      .execute();

    for (const table of ['counties', 'zone_hqs', 'zones'] as const) {
      let builder = s
        .createTable(table)
        .addColumn('election_id', 'text', (c) => c.notNull().references('election.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name_fa', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint(`${table}_pk`, ['election_id', 'id']);
      if (table !== 'counties') {
        builder = builder
          .addColumn('county_id', 'text', (c) => c.notNull())
          .addForeignKeyConstraint(`${table}_county_fk`, ['election_id', 'county_id'], 'counties', [
            'election_id',
            'id',
          ]);
      }
      await builder.execute();
    }

    await s
      .createTable('branches')
      .addColumn('election_id', 'text', (c) => c.notNull().references('election.id'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('name_fa', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('county_id', 'text', (c) => c.notNull())
      .addColumn('zone_id', 'text', (c) => c.notNull())
      .addColumn('zone_hq_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('expected_voters', 'integer', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('branches_pk', ['election_id', 'id'])
      .addForeignKeyConstraint('branches_county_fk', ['election_id', 'county_id'], 'counties', [
        'election_id',
        'id',
      ])
      .addForeignKeyConstraint('branches_zone_fk', ['election_id', 'zone_id'], 'zones', [
        'election_id',
        'id',
      ])
      .addForeignKeyConstraint('branches_zone_hq_fk', ['election_id', 'zone_hq_id'], 'zone_hqs', [
        'election_id',
        'id',
      ])
      .addCheckConstraint('branches_kind_ck', sql`kind in ('fixed', 'mobile')`)
      .addCheckConstraint('branches_expected_voters_ck', sql`expected_voters >= 0`)
      .execute();
    // Filters of the HQ's branch list; the position column keeps each filtered list in order.
    await s
      .createIndex('branches_zone_ix')
      .on('branches')
      .columns(['election_id', 'zone_id', 'position'])
      .execute();
    await s
      .createIndex('branches_zone_hq_ix')
      .on('branches')
      .columns(['election_id', 'zone_hq_id', 'position'])
      .execute();
    await s
      .createIndex('branches_position_ix')
      .on('branches')
      .columns(['election_id', 'position'])
      .execute();

    await s
      .createTable('itinerary_stops')
      .addColumn('election_id', 'text', (c) => c.notNull())
      .addColumn('branch_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('place_fa', 'text', (c) => c.notNull())
      .addColumn('place_en', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('arrive', 'text', (c) => c.notNull())
      .addColumn('depart', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('itinerary_stops_pk', ['election_id', 'branch_id', 'id'])
      .addForeignKeyConstraint(
        'itinerary_stops_branch_fk',
        ['election_id', 'branch_id'],
        'branches',
        ['election_id', 'id'],
      )
      .addCheckConstraint(
        'itinerary_stops_kind_ck',
        sql`kind in ('hospital', 'barracks', 'dormitory', 'care-home', 'prison', 'other')`,
      )
      .execute();

    await s
      .createTable('candidates')
      .addColumn('election_id', 'text', (c) => c.notNull().references('election.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name_fa', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('photo', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('candidates_pk', ['election_id', 'code'])
      .execute();

    await s
      .createTable('devices')
      .addColumn('election_id', 'text', (c) => c.notNull().references('election.id'))
      .addColumn('serial', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('branch_id', 'text')
      .addColumn('zone_hq_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('devices_pk', ['election_id', 'serial'])
      // Law 4: a signed message names its device by key; one key, one device per election.
      .addUniqueConstraint('devices_public_key_uq', ['election_id', 'public_key'])
      .addForeignKeyConstraint('devices_branch_fk', ['election_id', 'branch_id'], 'branches', [
        'election_id',
        'id',
      ])
      .addForeignKeyConstraint('devices_zone_hq_fk', ['election_id', 'zone_hq_id'], 'zone_hqs', [
        'election_id',
        'id',
      ])
      .addCheckConstraint('devices_kind_ck', sql`kind in ('authentication', 'voting', 'spare')`)
      .addCheckConstraint(
        'devices_status_ck',
        sql`status in ('registered', 'active', 'faulty', 'retired')`,
      )
      .execute();
    await s
      .createIndex('devices_branch_ix')
      .on('devices')
      .columns(['election_id', 'branch_id'])
      .execute();

    await s
      .createTable('staff')
      .addColumn('election_id', 'text', (c) => c.notNull().references('election.id'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('name_fa', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('scope_kind', 'text', (c) => c.notNull())
      .addColumn('scope_zone_hq_id', 'text')
      .addColumn('scope_zone_id', 'text')
      .addColumn('trustee_role', 'text')
      .addColumn('device_operator', 'integer', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('staff_pk', ['election_id', 'id'])
      .addForeignKeyConstraint(
        'staff_zone_hq_fk',
        ['election_id', 'scope_zone_hq_id'],
        'zone_hqs',
        ['election_id', 'id'],
      )
      .addForeignKeyConstraint('staff_zone_fk', ['election_id', 'scope_zone_id'], 'zones', [
        'election_id',
        'id',
      ])
      .addCheckConstraint(
        'staff_role_ck',
        sql`role in ('hq-staff', 'zone-hq-staff', 'governor-representative', 'executive-board', 'supervisory-board', 'observer', 'inspector', 'branch-trustee', 'it-committee', 'support-committee')`,
      )
      .addCheckConstraint(
        'staff_scope_kind_ck',
        sql`scope_kind in ('constituency', 'zoneHq', 'zone', 'branches')`,
      )
      // The scope reference columns follow the kind, so a row cannot name two scopes.
      .addCheckConstraint(
        'staff_scope_refs_ck',
        sql`(scope_kind = 'zoneHq') = (scope_zone_hq_id is not null) and (scope_kind = 'zone') = (scope_zone_id is not null)`,
      )
      .addCheckConstraint(
        'staff_trustee_role_ck',
        sql`trustee_role is null or trustee_role in ('chair', 'secretary')`,
      )
      .addCheckConstraint('staff_device_operator_ck', sql`device_operator in (0, 1)`)
      .execute();

    await s
      .createTable('staff_branches')
      .addColumn('election_id', 'text', (c) => c.notNull())
      .addColumn('staff_id', 'text', (c) => c.notNull())
      .addColumn('branch_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('staff_branches_pk', ['election_id', 'staff_id', 'branch_id'])
      .addForeignKeyConstraint('staff_branches_staff_fk', ['election_id', 'staff_id'], 'staff', [
        'election_id',
        'id',
      ])
      .addForeignKeyConstraint(
        'staff_branches_branch_fk',
        ['election_id', 'branch_id'],
        'branches',
        ['election_id', 'id'],
      )
      .execute();
    await s
      .createIndex('staff_branches_branch_ix')
      .on('staff_branches')
      .columns(['election_id', 'branch_id'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of [
      'staff_branches',
      'staff',
      'devices',
      'candidates',
      'itinerary_stops',
      'branches',
      'zones',
      'zone_hqs',
      'counties',
      'election',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
