import type { Course, CourseCatalog, TenantCourses } from '../core/course.js';
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
 */
export function createCourseCatalog(
  packs: readonly ContentPack[],
  defaultCourseId: string = builtinCourseId,
  tenantPacks: (tenantId: string) => readonly Course[] = () => [],
): CourseCatalog {
  const courses = packs.map(withoutSchemaKey);
  const first = courses[0];
  if (!first) throw new Error('No valid course to serve: the built-in pack and every external pack were refused');
  const byId = new Map(courses.map((course) => [course.id, course]));
  const fallback = byId.get(defaultCourseId) ?? first;
  const forTenant = (tenantId: string): TenantCourses => {
    // A tenant's pack id never equals a deployment course id (publishing refuses it), so the lists never overlap.
    const own = tenantPacks(tenantId).filter((course) => !byId.has(course.id));
    if (own.length === 0) return { get: (courseId) => byId.get(courseId), all: () => courses, defaultCourse: () => fallback };
    const all = [...courses, ...own];
    return { get: (courseId) => byId.get(courseId) ?? own.find((course) => course.id === courseId), all: () => all, defaultCourse: () => fallback };
  };
  return {
    get: (courseId) => byId.get(courseId),
    defaultCourse: () => fallback,
    all: () => courses,
    forTenant,
  };
}

/** The same catalog with each tenant's own published packs added to what {@link CourseCatalog.forTenant} gives. */
export function withTenantPacks(catalog: CourseCatalog, tenantPacks: (tenantId: string) => readonly Course[]): CourseCatalog {
  return createCourseCatalog(catalog.all(), catalog.defaultCourse().id, tenantPacks);
}
