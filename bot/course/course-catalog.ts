import type { Course, CourseCatalog } from '../core/course.js';
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
export function createCourseCatalog(packs: readonly ContentPack[], defaultCourseId: string = builtinCourseId): CourseCatalog {
  const courses = packs.map(withoutSchemaKey);
  const first = courses[0];
  if (!first) throw new Error('No valid course to serve: the built-in pack and every external pack were refused');
  const byId = new Map(courses.map((course) => [course.id, course]));
  const fallback = byId.get(defaultCourseId) ?? first;
  return {
    get: (courseId) => byId.get(courseId),
    defaultCourse: () => fallback,
    all: () => courses,
  };
}
