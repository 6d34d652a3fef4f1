/**
 * Schema migrations, one list for SQLite and PostgreSQL. The only dialect difference is the type of generated ids
 * (SQLite `INTEGER PRIMARY KEY AUTOINCREMENT`, PostgreSQL `bigserial`); everything else is portable SQL types
 * (`text`, `integer`, `bigint`, `double precision`). Never edit a released migration: add a new one.
 */
import { sql, type CreateTableBuilder, type Kysely, type Migration, type MigrationProvider } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run against the schema of their own time, not the current types */
type AnyDb = Kysely<any>;

function withId<T extends string>(t: CreateTableBuilder<T, never>, dialect: DialectName): CreateTableBuilder<T, 'id'> {
  return dialect === 'postgres'
    ? t.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

function m001(dialect: DialectName): Migration {
  return {
    async up(db: AnyDb) {
      await withId(db.schema.createTable('tenants'), dialect)
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('catalog_publisher', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('red_pc', 'double precision', (c) => c.notNull())
        .addColumn('yellow_pc', 'double precision', (c) => c.notNull())
        .addColumn('yellow_miss_km', 'double precision', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('api_keys'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('key_id', 'text', (c) => c.notNull().unique())
        .addColumn('secret_sha256', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await withId(db.schema.createTable('uploads'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('name', 'text')
        .addColumn('visibility', 'text', (c) => c.notNull())
        .addColumn('accepted_count', 'integer', (c) => c.notNull())
        .addColumn('rejected_count', 'integer', (c) => c.notNull())
        .addColumn('failures_json', 'text', (c) => c.notNull())
        .addColumn('content_sha256', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('uploads_tenant').on('uploads').columns(['tenant_id', 'id']).execute();
      await withId(db.schema.createTable('element_sets'), dialect)
        .addColumn('upload_id', 'bigint', (c) => c.notNull().references('uploads.id'))
        .addColumn('tenant_id', 'bigint', (c) => c.references('tenants.id'))
        .addColumn('catalog_number', 'integer', (c) => c.notNull())
        .addColumn('object_name', 'text')
        .addColumn('object_id', 'text')
        .addColumn('object_type', 'text')
        .addColumn('classification', 'text', (c) => c.notNull())
        .addColumn('epoch_utc', 'text', (c) => c.notNull())
        .addColumn('epoch_tai_day', 'integer', (c) => c.notNull())
        .addColumn('epoch_tai_s', 'double precision', (c) => c.notNull())
        .addColumn('mean_motion_rev_per_day', 'double precision', (c) => c.notNull())
        .addColumn('eccentricity', 'double precision', (c) => c.notNull())
        .addColumn('inclination_deg', 'double precision', (c) => c.notNull())
        .addColumn('raan_deg', 'double precision', (c) => c.notNull())
        .addColumn('arg_of_pericenter_deg', 'double precision', (c) => c.notNull())
        .addColumn('mean_anomaly_deg', 'double precision', (c) => c.notNull())
        .addColumn('bstar_per_earth_radii', 'double precision', (c) => c.notNull())
        .addColumn('mean_motion_dot_rev_per_day2', 'double precision', (c) => c.notNull())
        .addColumn('mean_motion_ddot_rev_per_day3', 'double precision', (c) => c.notNull())
        .addColumn('ephemeris_type', 'integer', (c) => c.notNull())
        .addColumn('element_set_no', 'integer', (c) => c.notNull())
        .addColumn('rev_at_epoch', 'integer', (c) => c.notNull())
        .addColumn('source_format', 'text', (c) => c.notNull())
        .addColumn('source_name', 'text')
        .addColumn('source_line', 'integer')
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('element_sets_object').on('element_sets').columns(['catalog_number', 'epoch_utc', 'id']).execute();
      await db.schema.createIndex('element_sets_tenant').on('element_sets').columns(['tenant_id', 'catalog_number']).execute();
      await db.schema.createIndex('element_sets_upload').on('element_sets').column('upload_id').execute();
      await db.schema.createIndex('element_sets_intdes').on('element_sets').column('object_id').execute();
      await withId(db.schema.createTable('fleets'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('fleets_tenant_name', ['tenant_id', 'name'])
        .execute();
      await db.schema
        .createTable('fleet_members')
        .addColumn('fleet_id', 'bigint', (c) => c.notNull().references('fleets.id').onDelete('cascade'))
        .addColumn('catalog_number', 'integer', (c) => c.notNull())
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('fleet_members_pk', ['fleet_id', 'catalog_number'])
        .execute();
      await withId(db.schema.createTable('webhooks'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('disabled_at', 'text')
        .execute();
    },
  };
}

function m002(dialect: DialectName): Migration {
  return {
    async up(db: AnyDb) {
      await withId(db.schema.createTable('screening_jobs'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('fleet_id', 'bigint', (c) => c.notNull())
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('window_start_utc', 'text', (c) => c.notNull())
        .addColumn('duration_s', 'double precision', (c) => c.notNull())
        .addColumn('threshold_km', 'double precision', (c) => c.notNull())
        .addColumn('blocks_done', 'integer', (c) => c.notNull())
        .addColumn('blocks_total', 'integer', (c) => c.notNull())
        .addColumn('result_json', 'text')
        .addColumn('error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .execute();
      await db.schema.createIndex('screening_jobs_tenant').on('screening_jobs').columns(['tenant_id', 'id']).execute();
      await db.schema.createIndex('screening_jobs_status').on('screening_jobs').column('status').execute();
      await withId(db.schema.createTable('events'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('object1', 'integer', (c) => c.notNull())
        .addColumn('object2', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('tca_utc', 'text', (c) => c.notNull())
        .addColumn('tca_tai_day', 'integer', (c) => c.notNull())
        .addColumn('tca_tai_s', 'double precision', (c) => c.notNull())
        .addColumn('miss_distance_km', 'double precision', (c) => c.notNull())
        .addColumn('relative_speed_km_s', 'double precision', (c) => c.notNull())
        .addColumn('pc', 'double precision', (c) => c.notNull())
        .addColumn('max_pc', 'double precision', (c) => c.notNull())
        .addColumn('alert_level', 'text', (c) => c.notNull())
        .addColumn('update_count', 'integer', (c) => c.notNull())
        .addColumn('latest_update_id', 'bigint')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .execute();
      await db.schema.createIndex('events_tenant').on('events').columns(['tenant_id', 'id']).execute();
      await db.schema.createIndex('events_pair').on('events').columns(['tenant_id', 'object1', 'object2', 'status']).execute();
      await db.schema.createIndex('events_tca').on('events').columns(['status', 'tca_utc']).execute();
      await withId(db.schema.createTable('event_updates'), dialect)
        .addColumn('event_id', 'bigint', (c) => c.notNull().references('events.id'))
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('job_id', 'bigint')
        .addColumn('tca_utc', 'text', (c) => c.notNull())
        .addColumn('tca_tai_day', 'integer', (c) => c.notNull())
        .addColumn('tca_tai_s', 'double precision', (c) => c.notNull())
        .addColumn('miss_distance_km', 'double precision', (c) => c.notNull())
        .addColumn('relative_speed_km_s', 'double precision', (c) => c.notNull())
        .addColumn('miss_r_km', 'double precision', (c) => c.notNull())
        .addColumn('miss_t_km', 'double precision', (c) => c.notNull())
        .addColumn('miss_n_km', 'double precision', (c) => c.notNull())
        .addColumn('pc', 'double precision', (c) => c.notNull())
        .addColumn('pc_method', 'text', (c) => c.notNull())
        .addColumn('max_pc', 'double precision', (c) => c.notNull())
        .addColumn('hbr_m', 'double precision', (c) => c.notNull())
        .addColumn('alert_level', 'text', (c) => c.notNull())
        .addColumn('cdm_kvn', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('event_updates_event').on('event_updates').columns(['event_id', 'id']).execute();
      await withId(db.schema.createTable('alerts'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('event_id', 'bigint', (c) => c.notNull().references('events.id'))
        .addColumn('update_id', 'bigint', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('previous_level', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('pc', 'double precision', (c) => c.notNull())
        .addColumn('miss_distance_km', 'double precision', (c) => c.notNull())
        .addColumn('tca_utc', 'text', (c) => c.notNull())
        .addColumn('object1', 'integer', (c) => c.notNull())
        .addColumn('object2', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('acknowledged_at', 'text')
        .addColumn('acknowledged_by_key', 'bigint')
        .execute();
      await db.schema.createIndex('alerts_tenant').on('alerts').columns(['tenant_id', 'id']).execute();
      await withId(db.schema.createTable('webhook_deliveries'), dialect)
        .addColumn('webhook_id', 'bigint', (c) => c.notNull().references('webhooks.id'))
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('alert_id', 'bigint', (c) => c.notNull().references('alerts.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('last_status_code', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('delivered_at', 'text')
        .execute();
      await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
      await db.schema.createIndex('webhook_deliveries_hook').on('webhook_deliveries').columns(['webhook_id', 'id']).execute();
      await withId(db.schema.createTable('ephemerides'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('upload_id', 'bigint', (c) => c.notNull().references('uploads.id'))
        .addColumn('catalog_number', 'integer')
        .addColumn('object_name', 'text', (c) => c.notNull())
        .addColumn('object_id', 'text', (c) => c.notNull())
        .addColumn('center_name', 'text', (c) => c.notNull())
        .addColumn('ref_frame', 'text', (c) => c.notNull())
        .addColumn('start_utc', 'text', (c) => c.notNull())
        .addColumn('stop_utc', 'text', (c) => c.notNull())
        .addColumn('state_count', 'integer', (c) => c.notNull())
        .addColumn('covariance_count', 'integer', (c) => c.notNull())
        .addColumn('states_json', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ephemerides_tenant').on('ephemerides').columns(['tenant_id', 'id']).execute();
      await withId(db.schema.createTable('cdms'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('upload_id', 'bigint', (c) => c.notNull().references('uploads.id'))
        .addColumn('event_id', 'bigint')
        .addColumn('object1', 'integer')
        .addColumn('object2', 'integer')
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('originator', 'text', (c) => c.notNull())
        .addColumn('tca_utc', 'text', (c) => c.notNull())
        .addColumn('miss_distance_km', 'double precision', (c) => c.notNull())
        .addColumn('pc', 'double precision')
        .addColumn('cdm_kvn', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('cdms_tenant').on('cdms').columns(['tenant_id', 'id']).execute();
    },
  };
}

/**
 * Operator data in screenings and events: the OEM segment metadata a trajectory needs (interpolation, useable span,
 * header), where an event update came from (a screening job or an uploaded CDM) and the update a CDM became.
 */
function m003(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('ephemerides').addColumn('metadata_json', 'text').execute();
      await db.schema.alterTable('event_updates').addColumn('source', 'text', (c) => c.notNull().defaultTo('screening')).execute();
      await db.schema.alterTable('event_updates').addColumn('cdm_id', 'bigint').execute();
      await db.schema.alterTable('cdms').addColumn('update_id', 'bigint').execute();
      await db.schema.createIndex('ephemerides_object').on('ephemerides').columns(['tenant_id', 'catalog_number', 'id']).execute();
    },
  };
}

/**
 * Webhook hardening and merged approaches (issue #11): the full
 * error of a failed delivery attempt, shown to admin keys only (`last_error` keeps a reason without addresses for
 * every reader), and a screening update's other approaches of the pair in the same run.
 */
function m004SvcColocatedWebhooks(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('webhook_deliveries').addColumn('last_error_detail', 'text').execute();
      await db.schema.alterTable('event_updates').addColumn('other_approaches_json', 'text').execute();
    },
  };
}

/**
 * SATCAT (issue 15): CelesTrak SATCAT rows (type, owner, status, launch and decay
 * dates, RCS) of the public catalog, one row per catalog number, replaced by each SATCAT upload. Public data: not
 * tenant-scoped, written only by a catalog-publisher tenant.
 */
function m005WebOpsSatcat(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('satcat')
        .addColumn('catalog_number', 'integer', (c) => c.primaryKey())
        .addColumn('object_name', 'text', (c) => c.notNull())
        .addColumn('object_id', 'text')
        .addColumn('object_type', 'text', (c) => c.notNull())
        .addColumn('ops_status_code', 'text')
        .addColumn('owner', 'text')
        .addColumn('launch_date', 'text')
        .addColumn('decay_date', 'text')
        .addColumn('rcs_m2', 'double precision')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}

/**
 * Alert policy and coordination (issue 20 items 5 and 7): a
 * tenant's push policy, the recommended action of events and updates with the data quality behind it, why an alert
 * was recorded and whether it was pushed (alerts recorded before this migration were all pushed), and maneuver plans
 * published for events with their status history (the audit trail).
 */
function m006AlertCoordination(dialect: DialectName): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('tenants').addColumn('alert_policy_json', 'text').execute();
      await db.schema.alterTable('events').addColumn('recommended_action', 'text', (c) => c.notNull().defaultTo('none')).execute();
      await db.schema.alterTable('events').addColumn('data_quality', 'text').execute();
      await db.schema.alterTable('event_updates').addColumn('recommended_action', 'text').execute();
      await db.schema.alterTable('event_updates').addColumn('covariance_source', 'text').execute();
      await db.schema.alterTable('event_updates').addColumn('element_age_days', 'double precision').execute();
      await db.schema.alterTable('alerts').addColumn('pushed', 'integer', (c) => c.notNull().defaultTo(1)).execute();
      await db.schema.alterTable('alerts').addColumn('reasons', 'text').execute();
      await db.schema.alterTable('alerts').addColumn('recommended_action', 'text').execute();
      await db.schema.alterTable('alerts').addColumn('previous_action', 'text').execute();
      await withId(db.schema.createTable('maneuver_plans'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('event_id', 'bigint', (c) => c.notNull().references('events.id'))
        .addColumn('object1', 'integer', (c) => c.notNull())
        .addColumn('object2', 'integer', (c) => c.notNull())
        .addColumn('maneuvered_object', 'integer', (c) => c.notNull())
        .addColumn('tca_utc', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('summary_json', 'text', (c) => c.notNull())
        .addColumn('opm_kvn', 'text')
        .addColumn('oem_kvn', 'text')
        .addColumn('note', 'text')
        .addColumn('created_by_key', 'bigint')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('maneuver_plans_tenant').on('maneuver_plans').columns(['tenant_id', 'event_id', 'id']).execute();
      await db.schema.createIndex('maneuver_plans_pair').on('maneuver_plans').columns(['object1', 'object2', 'tca_utc']).execute();
      await withId(db.schema.createTable('maneuver_plan_updates'), dialect)
        .addColumn('plan_id', 'bigint', (c) => c.notNull().references('maneuver_plans.id'))
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('event_id', 'bigint')
        .addColumn('side', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('by_key', 'bigint')
        .addColumn('result_json', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('maneuver_plan_updates_plan').on('maneuver_plan_updates').columns(['plan_id', 'id']).execute();
    },
  };
}

/** The migrations of `dialect`, keyed by name (applied in name order). */
/**
 * Reentry watch (issue #14 item 2): the prediction history per object and
 * the watch's alerts. tenant_id NULL marks predictions made from the shared public catalog.
 */
function m008ReentryWatch(dialect: DialectName): Migration {
  return {
    async up(db: AnyDb) {
      await withId(db.schema.createTable('reentry_predictions'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.references('tenants.id'))
        .addColumn('catalog_number', 'integer', (c) => c.notNull())
        .addColumn('object_name', 'text')
        .addColumn('last_element_epoch_utc', 'text', (c) => c.notNull())
        .addColumn('predicted_epoch_utc', 'text', (c) => c.notNull())
        .addColumn('window_start_utc', 'text', (c) => c.notNull())
        .addColumn('window_end_utc', 'text', (c) => c.notNull())
        .addColumn('confidence', 'double precision')
        .addColumn('predictor', 'text', (c) => c.notNull())
        .addColumn('maneuvers_detected', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('reentry_predictions_object').on('reentry_predictions').columns(['catalog_number', 'id']).execute();
      await withId(db.schema.createTable('reentry_alerts'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.references('tenants.id'))
        .addColumn('catalog_number', 'integer', (c) => c.notNull())
        .addColumn('prediction_id', 'bigint', (c) => c.notNull().references('reentry_predictions.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('predicted_epoch_utc', 'text', (c) => c.notNull())
        .addColumn('previous_predicted_epoch_utc', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('reentry_alerts_object').on('reentry_alerts').columns(['catalog_number', 'id']).execute();
    },
  };
}

/**
 * Tracking data and orbit determination in the service (issue 13 item 7): each posted CCSDS TDM kept as sent (`observation_uploads`, re-read by OD jobs), one row per
 * tracking data line (`observations`: station and object participants, keyword, UTC epoch, value as written in
 * the TDM's units, correlation `catalog`, `ambiguous` or `uct`), provisional objects made of linked UCTs, and OD jobs with progress, result and residuals.
 */
function m007OdObservations(dialect: DialectName): Migration {
  return {
    async up(db: AnyDb) {
      await withId(db.schema.createTable('observation_uploads'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('tdm_text', 'text', (c) => c.notNull())
        .addColumn('accepted_count', 'integer', (c) => c.notNull())
        .addColumn('rejected_count', 'integer', (c) => c.notNull())
        .addColumn('problems_json', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('observation_uploads_tenant').on('observation_uploads').columns(['tenant_id', 'id']).execute();
      await withId(db.schema.createTable('observations'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('upload_id', 'bigint', (c) => c.notNull().references('observation_uploads.id'))
        .addColumn('segment', 'integer', (c) => c.notNull())
        .addColumn('station', 'text', (c) => c.notNull())
        .addColumn('object_participant', 'text')
        .addColumn('catalog_number', 'integer')
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('epoch_utc', 'text', (c) => c.notNull())
        .addColumn('value', 'double precision', (c) => c.notNull())
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('correlation', 'text', (c) => c.notNull())
        .addColumn('assigned_catalog_number', 'integer')
        .execute();
      await db.schema.createIndex('observations_tenant_object').on('observations').columns(['tenant_id', 'catalog_number', 'epoch_utc']).execute();
      await db.schema.createIndex('observations_tenant_station').on('observations').columns(['tenant_id', 'station', 'epoch_utc']).execute();
      await withId(db.schema.createTable('od_jobs'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('catalog_number', 'integer', (c) => c.notNull())
        .addColumn('start_utc', 'text', (c) => c.notNull())
        .addColumn('stop_utc', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('request_json', 'text', (c) => c.notNull())
        .addColumn('iterations', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('weighted_rms', 'double precision')
        .addColumn('result_json', 'text')
        .addColumn('residuals_json', 'text')
        .addColumn('error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('provisional_objects'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('upload_id', 'bigint', (c) => c.notNull().references('observation_uploads.id'))
        .addColumn('analyst_number', 'integer', (c) => c.notNull())
        .addColumn('epoch_utc', 'text', (c) => c.notNull())
        .addColumn('state_teme_json', 'text', (c) => c.notNull())
        .addColumn('covariance_json', 'text', (c) => c.notNull())
        .addColumn('track_ids_json', 'text', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('provisional_objects_tenant').on('provisional_objects').columns(['tenant_id', 'analyst_number']).unique().execute();
      await db.schema.createIndex('od_jobs_tenant').on('od_jobs').columns(['tenant_id', 'id']).execute();
    },
  };
}

/**
 * Tourism manifest (issue 19 item 5): vehicles with turnaround and landing-weather limits, per-site launch cadence,
 * flights (site, planned launch, vehicle, status, the stored profile JSON and the last go/no-go), passengers
 * (personal data: name, training and medical status; tenant-scoped, deletable, never logged) and seat assignments.
 */
function m009TourismManifest(dialect: DialectName): Migration {
  return {
    async up(db: AnyDb) {
      await withId(db.schema.createTable('tourism_vehicles'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('vehicle_class', 'text')
        .addColumn('seats', 'integer', (c) => c.notNull())
        .addColumn('turnaround_s', 'double precision', (c) => c.notNull())
        .addColumn('max_surface_wind_mps', 'double precision', (c) => c.notNull())
        .addColumn('max_gust_mps', 'double precision', (c) => c.notNull())
        .addColumn('max_wave_height_m', 'double precision')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('tourism_vehicles_tenant_name').on('tourism_vehicles').columns(['tenant_id', 'name']).unique().execute();
      await withId(db.schema.createTable('tourism_sites'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('site', 'text', (c) => c.notNull())
        .addColumn('min_interval_s', 'double precision', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('tourism_sites_tenant_site').on('tourism_sites').columns(['tenant_id', 'site']).unique().execute();
      await withId(db.schema.createTable('tourism_flights'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('site', 'text', (c) => c.notNull())
        .addColumn('planned_launch_utc', 'text', (c) => c.notNull())
        .addColumn('vehicle_id', 'bigint', (c) => c.notNull().references('tourism_vehicles.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('profile_json', 'text')
        .addColumn('last_go_no_go_json', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('tourism_flights_tenant').on('tourism_flights').columns(['tenant_id', 'planned_launch_utc']).execute();
      await withId(db.schema.createTable('tourism_passengers'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('training_status', 'text', (c) => c.notNull())
        .addColumn('medical_status', 'text', (c) => c.notNull())
        .addColumn('medical_expires_utc', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('tourism_passengers_tenant').on('tourism_passengers').columns(['tenant_id', 'id']).execute();
      await withId(db.schema.createTable('tourism_seats'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('flight_id', 'bigint', (c) => c.notNull().references('tourism_flights.id'))
        .addColumn('passenger_id', 'bigint', (c) => c.notNull().references('tourism_passengers.id'))
        .addColumn('seat', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('tourism_seats_flight_seat').on('tourism_seats').columns(['flight_id', 'seat']).unique().execute();
      await db.schema.createIndex('tourism_seats_flight_passenger').on('tourism_seats').columns(['flight_id', 'passenger_id']).unique().execute();
    },
  };
}

/**
 * UCT linking across uploads and breakup alerts (issue 13): every uncorrelated track of an upload with stations is
 * kept (`uct_tracks`: its station and measurements), links of tracks to provisional objects (`uct_links`), the
 * provisional object's fitted SGP4 element set (`provisional_objects.element_set_json`), and breakup alerts.
 */
function m010UctLinks(dialect: DialectName): Migration {
  return {
    async up(db: AnyDb) {
      await withId(db.schema.createTable('uct_tracks'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('upload_id', 'bigint', (c) => c.notNull().references('observation_uploads.id'))
        .addColumn('track_id', 'text', (c) => c.notNull())
        .addColumn('station', 'text', (c) => c.notNull())
        .addColumn('station_json', 'text', (c) => c.notNull())
        .addColumn('epoch_utc', 'text', (c) => c.notNull())
        .addColumn('observations_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('uct_tracks_tenant_epoch').on('uct_tracks').columns(['tenant_id', 'epoch_utc']).execute();
      await withId(db.schema.createTable('uct_links'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('analyst_number', 'integer', (c) => c.notNull())
        .addColumn('uct_track_id', 'bigint', (c) => c.notNull().references('uct_tracks.id'))
        .addColumn('upload_id', 'bigint', (c) => c.notNull().references('observation_uploads.id'))
        .addColumn('weighted_rms', 'double precision', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('uct_links_track').on('uct_links').columns(['tenant_id', 'uct_track_id']).unique().execute();
      await db.schema.alterTable('provisional_objects').addColumn('element_set_json', 'text').execute();
      await withId(db.schema.createTable('breakup_alerts'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('parent_catalog_number', 'integer')
        .addColumn('epoch_utc', 'text', (c) => c.notNull())
        .addColumn('fragment_count', 'integer', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('detection_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('breakup_alerts_tenant').on('breakup_alerts').columns(['tenant_id', 'id']).execute();
    },
  };
}

/**
 * Reentry alerts by webhook and the reentry map layer (issue #14): a webhook delivery carries either a conjunction
 * alert (`alert_id`, now nullable) or a reentry-watch alert (`reentry_alert_id`); a webhook may name the event types it
 * wants (`event_types`, JSON array; NULL: every type); a reentry prediction keeps its ground-track GeoJSON and the
 * space-weather rule it used when the precise predictor made it. SQLite cannot drop a NOT NULL constraint, so
 * `webhook_deliveries` is rebuilt from its own stored definition (columns added by other migrations are kept).
 */
function m011ReentryAlerts(dialect: DialectName): Migration {
  return {
    async up(db: AnyDb) {
      if (dialect === 'postgres') {
        await sql`alter table webhook_deliveries alter column alert_id drop not null`.execute(db);
      } else {
        const table = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'webhook_deliveries'`.execute(db);
        const indexes = await sql<{ sql: string | null }>`select sql from sqlite_master where type = 'index' and tbl_name = 'webhook_deliveries'`.execute(db);
        const create = table.rows[0]?.sql ?? '';
        const relaxed = create.replace(/("alert_id"\s+bigint)\s+not null/i, '$1').replace(/^create table\s+"?webhook_deliveries"?/i, 'create table "webhook_deliveries_011"');
        if (relaxed === create || !/webhook_deliveries_011/.test(relaxed)) throw new Error('migration 011: unexpected webhook_deliveries definition');
        await sql.raw(relaxed).execute(db);
        await sql`insert into webhook_deliveries_011 select * from webhook_deliveries`.execute(db);
        await sql`drop table webhook_deliveries`.execute(db);
        await sql`alter table webhook_deliveries_011 rename to webhook_deliveries`.execute(db);
        for (const i of indexes.rows) if (i.sql !== null) await sql.raw(i.sql).execute(db);
      }
      await db.schema.alterTable('webhook_deliveries').addColumn('reentry_alert_id', 'bigint', (c) => c.references('reentry_alerts.id')).execute();
      await db.schema.alterTable('webhooks').addColumn('event_types', 'text').execute();
      await db.schema.alterTable('reentry_predictions').addColumn('ground_track_json', 'text').execute();
      await db.schema.alterTable('reentry_predictions').addColumn('space_weather_rule', 'text').execute();
    },
  };
}

/**
 * Breakup alerts by webhook (issue #13): a delivery may carry a breakup alert (`breakup_alert_id`). `alert_id` is
 * nullable since 011, so the column is simply added (no table rebuild), on SQLite and PostgreSQL alike.
 */
function m012BreakupWebhooks(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('webhook_deliveries').addColumn('breakup_alert_id', 'bigint', (c) => c.references('breakup_alerts.id')).execute();
    },
  };
}

/**
 * Columnar screening results in the database (issue #18 item 3): every succeeded screening run also stores its
 * close approaches as SKYCONJ1 column chunks (docs/design/columnar-results.md): one `screening_event_columns` row per
 * run (counts, window start, the header's metadata) and one `screening_event_chunks` row per chunk of up to 65,536
 * events (the chunk's bytes as in the file format: a BLOB in SQLite, bytea in PostgreSQL), written in the transaction
 * that marks the run succeeded. Chunks, not one blob a run: a reader streams them one at a time, and no value nears
 * the 1-GB limit of either database (18.7 M events are 1.35 GB).
 */
function m013ScreeningEventColumns(dialect: DialectName): Migration {
  const bytes = dialect === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: AnyDb) {
      await withId(db.schema.createTable('screening_event_columns'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('job_id', 'bigint', (c) => c.notNull().unique().references('screening_jobs.id'))
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('event_count', 'integer', (c) => c.notNull())
        .addColumn('chunk_count', 'integer', (c) => c.notNull())
        .addColumn('window_start_utc', 'text', (c) => c.notNull())
        .addColumn('window_start_mjd', 'integer', (c) => c.notNull())
        .addColumn('window_start_s', 'double precision', (c) => c.notNull())
        .addColumn('metadata_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('screening_event_columns_tenant').on('screening_event_columns').columns(['tenant_id', 'job_id']).execute();
      await withId(db.schema.createTable('screening_event_chunks'), dialect)
        .addColumn('job_id', 'bigint', (c) => c.notNull().references('screening_jobs.id'))
        .addColumn('chunk_index', 'integer', (c) => c.notNull())
        .addColumn('row_count', 'integer', (c) => c.notNull())
        .addColumn('data', bytes, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('screening_event_chunks_job').on('screening_event_chunks').columns(['job_id', 'chunk_index']).unique().execute();
    },
  };
}

export function migrationProvider(dialect: DialectName): MigrationProvider {
  return {
    getMigrations: () =>
      Promise.resolve({
        '001_catalog_tenants_fleets': m001(dialect),
        '002_screening_events_alerts': m002(dialect),
        '003_operator_data_in_screenings': m003(),
        '004_svc_colocated_webhooks': m004SvcColocatedWebhooks(),
        '005_web_ops_satcat': m005WebOpsSatcat(),
        '006_alert_coordination': m006AlertCoordination(dialect),
        '007_od_observations': m007OdObservations(dialect),
        '008_reentry_watch': m008ReentryWatch(dialect),
        '009_tourism_manifest': m009TourismManifest(dialect),
        '010_uct_links': m010UctLinks(dialect),
        '011_reentry_alerts': m011ReentryAlerts(dialect),
        '012_breakup_webhooks': m012BreakupWebhooks(),
        '013_screening_event_columns': m013ScreeningEventColumns(dialect),
      }),
  };
}
