import type { Request, Server } from 'restify';
import type { LessonView } from '../../core/learning-service.js';
import type { MyCourseService } from '../../core/my-course-service.js';
import type { Course, CourseCatalog } from '../../core/course.js';
import { NotFoundError } from '../../core/errors.js';
import type { LearningService } from '../../core/learning-service.js';
import type { Logger } from '../../core/ports.js';
import type { Reflection } from '../../core/reflection.js';
import { courseText } from '../../core/course.js';
import type { Translator } from '../../i18n/translator.js';
import type { CourseChoice, LessonContent, MyCourse, MyReflection, ReflectionUpdate } from '../contracts.js';
import { ApiHttpError, apiRoute, badRequest, type ApiAuth, type Caller } from './api-context.js';

/** What the personal routes need. */
export type MyRouteDeps = {
  readonly auth: ApiAuth;
  readonly logger: Logger;
  readonly myCourse: MyCourseService;
  readonly courses: CourseCatalog;
  readonly learning: LearningService;
};

function lessonId(req: Request, caller: Caller): string {
  const id = String(req.params.lessonId ?? '');
  if (!/^[a-z0-9-]{1,100}$/.test(id)) throw badRequest(caller.t);
  return id;
}

function lessonContent(view: LessonView, goalNames: readonly string[]): LessonContent {
  const { lesson } = view;
  return {
    lessonId: lesson.id,
    number: view.index + 1,
    total: view.total,
    title: lesson.title,
    minutes: lesson.minutes,
    body: [...lesson.body],
    keyFact: lesson.keyFact,
    goals: lesson.goals.map((number) => ({ number, name: goalNames[number - 1] ?? '' })),
    image: lesson.image ? { ...lesson.image } : null,
    sources: lesson.sources.map((source) => ({ ...source })),
    read: view.read,
  };
}

function myReflection(reflection: Reflection, titles: ReadonlyMap<string, string>, questions: readonly string[]): MyReflection {
  return {
    lessonId: reflection.lessonId,
    lessonTitle: titles.get(reflection.lessonId) ?? reflection.lessonId,
    questions: [...questions],
    answers: [...reflection.answers],
    visibility: reflection.visibility,
    updatedAt: reflection.updatedAt.toISOString(),
  };
}

function problemsError(problems: readonly { kind: string; question?: number; length?: number; limit?: number }[], questions: readonly string[], t: Translator): ApiHttpError {
  return new ApiHttpError(400, {
    code: 'validation',
    message: t('api.validation'),
    problems: problems.map((problem) =>
      problem.kind === 'empty'
        ? { field: 'answers', message: t('reflection.problem.empty') }
        : { field: `answers.${problem.question}`, message: t('reflection.problem.tooLong', { question: questions[problem.question ?? 0] ?? String((problem.question ?? 0) + 1), length: problem.length ?? 0, limit: problem.limit ?? 0 }) },
    ),
  });
}

/** `/api/v1/me/…`: the personal tab's lessons and reflections. */
export function registerMyRoutes(server: Server, deps: MyRouteDeps): void {
  const { auth, logger, myCourse } = deps;
  /** The course of the request: `?course=<id>`, else the caller's current course. */
  const courseOf = async (req: Request, caller: Caller): Promise<Course> => {
    const asked = typeof req.query?.course === 'string' && req.query.course !== '' ? req.query.course : await deps.learning.currentCourseId(caller.person);
    const course = (await deps.courses.forTenant(caller.person.tenantId)).known(asked);
    if (!course) throw new NotFoundError('course', asked);
    return course;
  };

  apiRoute(server, 'get', '/api/v1/me/course', auth, logger, async (req, caller): Promise<MyCourse> =>
    overview(caller, typeof req.query?.course === 'string' && req.query.course !== '' ? req.query.course : undefined),
  );

  async function overview(caller: Caller, asked: string | undefined): Promise<MyCourse> {
    const { courseId, text, read, reflections, courses } = await myCourse.overview(caller.person, caller.t.language, asked);
    const titles = new Map(text.lessons.map((lesson) => [lesson.id, lesson.title]));
    return {
      courseId,
      title: text.title,
      lessons: text.lessons.map((lesson, index) => ({ lessonId: lesson.id, number: index + 1, title: lesson.title, minutes: lesson.minutes, read: read.has(lesson.id) })),
      reflections: reflections
        .filter((reflection) => titles.has(reflection.lessonId))
        .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
        .map((reflection) => myReflection(reflection, titles, text.reflectionQuestions)),
      lessonsRead: text.lessons.filter((lesson) => read.has(lesson.id)).length,
      courses,
    };
  }

  apiRoute(server, 'put', '/api/v1/me/course', auth, logger, async (req, caller): Promise<MyCourse> => {
    const body = (req.body ?? {}) as Partial<CourseChoice>;
    if (typeof body.courseId !== 'string' || body.courseId === '') throw badRequest(caller.t);
    await deps.learning.chooseCourse(caller.person, body.courseId);
    return overview(caller, body.courseId);
  });

  apiRoute(server, 'get', '/api/v1/me/lessons/:lessonId', auth, logger, async (req, caller) => {
    const course = await courseOf(req, caller);
    return lessonContent(await myCourse.lesson(caller.person, lessonId(req, caller), caller.t.language, course.id), courseText(course, caller.t.language).goalNames);
  });

  apiRoute(server, 'post', '/api/v1/me/lessons/:lessonId/read', auth, logger, async (req, caller) => {
    const course = await courseOf(req, caller);
    return lessonContent(await myCourse.markRead(caller.person, lessonId(req, caller), caller.t.language, course.id), courseText(course, caller.t.language).goalNames);
  });

  apiRoute(server, 'put', '/api/v1/me/reflections/:lessonId', auth, logger, async (req, caller): Promise<MyReflection> => {
    const body = (req.body ?? {}) as Partial<ReflectionUpdate>;
    if (!Array.isArray(body.answers) || body.answers.length !== 3 || body.answers.some((answer) => typeof answer !== 'string')) throw badRequest(caller.t);
    const course = await courseOf(req, caller);
    const result = await myCourse.editReflection(caller.person, caller.name, lessonId(req, caller), body.answers, course.id);
    const text = courseText(course, caller.t.language);
    if (!result.ok) throw problemsError(result.problems, text.reflectionQuestions, caller.t);
    return myReflection(result.reflection!, new Map(text.lessons.map((lesson) => [lesson.id, lesson.title])), text.reflectionQuestions);
  });

  apiRoute(server, 'del', '/api/v1/me/reflections/:lessonId', auth, logger, async (req, caller) => {
    if (!(await myCourse.deleteReflection(caller.person, lessonId(req, caller), (await courseOf(req, caller)).id))) throw new ApiHttpError(404, { code: 'notFound', message: caller.t('api.notFound') });
    return undefined;
  });
}
