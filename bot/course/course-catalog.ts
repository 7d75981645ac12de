import type { Course, CourseCatalog, CourseOffers, TenantCourses } from '../core/course.js';
import type { ContentPack } from './content-pack.js';

/** The id of the built-in course, served by default. */
export const builtinCourseId = 'intro-baerekraft';

function withoutSchemaKey(pack: ContentPack): Course {
  const { $schema: _schema, ...course } = pack;
  return course;
}

/**
 * A catalog of courses, one version per id.
 * @remarks `defaultCourse()` is the course with `defaultCourseId` when there is one, otherwise the first course.
 * `forTenant` offers every course until {@link withTenantOffers} gives it the tenants' settings.
 */
export function createCourseCatalog(packs: readonly ContentPack[], defaultCourseId: string = builtinCourseId): CourseCatalog {
  const courses = packs.map(withoutSchemaKey);
  const first = courses[0];
  if (!first) throw new Error('No valid course to serve: the built-in pack and every external pack were refused');
  const byId = new Map(courses.map((course) => [course.id, course]));
  const fallback = byId.get(defaultCourseId) ?? first;
  const catalog: CourseCatalog = {
    get: (courseId) => byId.get(courseId),
    defaultCourse: () => fallback,
    all: () => courses,
    forTenant: async () => tenantView(catalog, 'all'),
  };
  return catalog;
}

/** The catalog with each tenant's offered courses (from its settings) applied in `forTenant`. */
export function withTenantOffers(catalog: CourseCatalog, offers: CourseOffers): CourseCatalog {
  return {
    get: (courseId) => catalog.get(courseId),
    defaultCourse: () => catalog.defaultCourse(),
    all: () => catalog.all(),
    forTenant: async (tenantId) => tenantView(catalog, await offers(tenantId)),
  };
}

/** The deployment's courses as one tenant sees them; an offer that matches no course falls back to the default course. */
function tenantView(catalog: CourseCatalog, offered: readonly string[] | 'all'): TenantCourses {
  const all = catalog.all();
  const chosen = offered === 'all' ? all : all.filter((course) => offered.includes(course.id));
  const courses: readonly Course[] = chosen.length > 0 ? chosen : [catalog.defaultCourse()];
  const byId = new Map(courses.map((course) => [course.id, course]));
  const preferred = catalog.defaultCourse();
  const fallback = byId.get(preferred.id) ?? courses[0]!;
  return {
    get: (courseId) => byId.get(courseId),
    all: () => courses,
    defaultCourse: () => fallback,
    known: (courseId) => catalog.get(courseId),
  };
}
