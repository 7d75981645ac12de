import type { Course } from '../core/course.js';

/** The domain types a pack is made of, from bot/core/course.ts (the one source of truth for the shape). */
export type { Course, CourseText, KnowledgeChoice, KnowledgeQuestion, Lesson, LessonImage, Source } from '../core/course.js';

/** A content pack as stored in a file: a {@link Course} plus an optional "$schema" reference for editors. */
export type ContentPack = Course & { readonly $schema?: string };
