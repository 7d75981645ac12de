import type { Course, CourseCatalog, CourseOffers, TenantCourses } from '../core/course.js';
import type { ContentPack } from './content-pack.js';

/** The id of the built-in course, served by default. */
export const builtinCourseId = 'intro-baerekraft';

function withoutSchemaKey(pack: ContentPack): Course {
  const { $schema: _schema, ...course } = pack;
  return course;
}

/** Where a tenant's own published packs come from (none by default). */
export type TenantPacks = (tenantId: string) => readonly Course[];

/**
 * A catalog of courses, one version per id.
 * @remarks `defaultCourse()` is the course with `defaultCourseId` when there is one, otherwise the first course.
 * `forTenant` gives the deployment's courses and the tenant's own published packs (`tenantPacks`), every one offered
 * until {@link withTenantOffers} applies the tenants' settings.
 */
export function createCourseCatalog(packs: readonly ContentPack[], defaultCourseId: string = builtinCourseId, tenantPacks: TenantPacks = () => []): CourseCatalog {
  const courses = packs.map(withoutSchemaKey);
  const first = courses[0];
  if (!first) throw new Error('No valid course to serve: the built-in pack and every external pack were refused');
  const byId = new Map(courses.map((course) => [course.id, course]));
  const fallback = byId.get(defaultCourseId) ?? first;
  const catalog: CourseCatalog = {
    get: (courseId) => byId.get(courseId),
    defaultCourse: () => fallback,
    all: () => courses,
    forTenant: async (tenantId) => tenantView(catalog, visibleTo(tenantId), 'all'),
  };
  /** The deployment's courses and the tenant's own packs (a tenant's pack id never equals a deployment course id: publishing refuses it). */
  const visibleTo = (tenantId: string): readonly Course[] => {
    const own = tenantPacks(tenantId).filter((course) => !byId.has(course.id));
    return own.length === 0 ? courses : [...courses, ...own];
  };
  catalogVisible.set(catalog, visibleTo);
  return catalog;
}

/** What each catalog made here shows a tenant before its offers are applied. */
const catalogVisible = new WeakMap<CourseCatalog, (tenantId: string) => readonly Course[]>();

/** The same catalog with each tenant's own published packs added to what {@link CourseCatalog.forTenant} gives. */
export function withTenantPacks(catalog: CourseCatalog, tenantPacks: TenantPacks): CourseCatalog {
  return createCourseCatalog(catalog.all(), catalog.defaultCourse().id, tenantPacks);
}

/**
 * The catalog with each tenant's offered courses (from its settings) applied in `forTenant`.
 * @remarks The setting chooses among the deployment's courses; a tenant's own published packs are always offered to
 * its teams (its course owners publish them for that reason, and withdraw them to stop).
 */
export function withTenantOffers(catalog: CourseCatalog, offers: CourseOffers): CourseCatalog {
  const visible = catalogVisible.get(catalog) ?? (() => catalog.all());
  const wrapped: CourseCatalog = {
    get: (courseId) => catalog.get(courseId),
    defaultCourse: () => catalog.defaultCourse(),
    all: () => catalog.all(),
    forTenant: async (tenantId) => tenantView(catalog, visible(tenantId), await offers(tenantId)),
  };
  catalogVisible.set(wrapped, visible);
  return wrapped;
}

/** The courses one tenant sees; an offer that matches no course falls back to the default course. */
function tenantView(catalog: CourseCatalog, visible: readonly Course[], offered: readonly string[] | 'all'): TenantCourses {
  const chosen = offered === 'all' ? visible : visible.filter((course) => offered.includes(course.id) || catalog.get(course.id) === undefined);
  const courses: readonly Course[] = chosen.length > 0 ? chosen : [catalog.defaultCourse()];
  const byId = new Map(courses.map((course) => [course.id, course]));
  const everyVisible = new Map(visible.map((course) => [course.id, course]));
  const preferred = catalog.defaultCourse();
  const fallback = byId.get(preferred.id) ?? courses[0]!;
  return {
    get: (courseId) => byId.get(courseId),
    all: () => courses,
    defaultCourse: () => fallback,
    known: (courseId) => everyVisible.get(courseId),
  };
}
