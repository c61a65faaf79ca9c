import { z } from 'zod';

/**
 * Version of the document schemas (semver). Every top-level document (Plan, PlanRequest,
 * MealPlan, WorkoutProgram, ProgressLog, ModelManifest) carries it as `schemaVersion`.
 * Bump the minor for a new optional field or vocabulary value, the major for anything that
 * makes an old document invalid or changes its meaning; regenerate `json-schema/` after either.
 */
export const SCHEMA_VERSION = '1.0.0';

const NUM = '(?:0|[1-9]\\d*)';
const SUFFIX = '(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?';

/** A semantic version `MAJOR.MINOR.PATCH` with optional pre-release and build parts (semver.org 2.0.0). */
export const Semver = z
  .string()
  .regex(new RegExp(`^${NUM}\\.${NUM}\\.${NUM}${SUFFIX}$`), 'a semantic version such as "1.2.3"');

const MAJOR = SCHEMA_VERSION.split('.')[0];

const VERSION_RULE = `SCHEMA_VERSION: a semantic version with major ${MAJOR}, e.g. "${SCHEMA_VERSION}"`;

/**
 * The `schemaVersion` of a document: any version with the same major as {@link SCHEMA_VERSION}.
 * Optional on input (an omitted version reads as {@link SCHEMA_VERSION}) and always present on
 * output, so a hand-written request needs no version while every stored document carries one.
 * Documents from an older or newer minor read fine (strict objects still reject fields this
 * version does not know); another major is refused with a message naming `SCHEMA_VERSION`.
 * The rule is a regex so the JSON Schema export carries it too.
 */
export const SchemaVersion = z
  .string({ error: VERSION_RULE })
  .regex(new RegExp(`^${MAJOR}\\.${NUM}\\.${NUM}${SUFFIX}$`), VERSION_RULE)
  .default(SCHEMA_VERSION)
  .meta({ description: `Schema version of this document; major ${MAJOR} (current ${SCHEMA_VERSION}).` });
