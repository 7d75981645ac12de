import { createHash } from 'node:crypto';
import semver from 'semver';
import type { Course } from './course.js';
import type { Clock } from './ports.js';

/** One version of a pack a tenant published. */
export type TenantPackVersion = {
  readonly courseId: string;
  readonly version: string;
  readonly course: Course;
  readonly publishedAt: Date;
  /** Entra object id of who published it. */
  readonly publishedBy: string;
  readonly withdrawnAt?: Date;
};

/** An image a tenant uploaded for its lessons. */
export type StoredMedia = {
  /** SHA-256 (hex) of the tenant id and the bytes: unguessable without both, the same for the same image in one tenant. */
  readonly id: string;
  readonly tenantId: string;
  readonly contentType: ImageType;
  readonly data: Buffer;
};

/** Where a tenant's packs and images are kept. Every method is scoped to one tenant, except {@link media} (by its unguessable id). */
export interface TenantPackRepository {
  /** Stores a version; false when the tenant already has that course id and version. */
  publish(tenantId: string, version: TenantPackVersion): Promise<boolean>;
  /** Marks a version withdrawn; false when the tenant has no such version or it was withdrawn already. */
  withdraw(tenantId: string, courseId: string, version: string, at: Date): Promise<boolean>;
  /** Every version the tenant ever published, withdrawn ones included. */
  versions(tenantId: string): Promise<readonly TenantPackVersion[]>;
  /** Every tenant that has a version not withdrawn. */
  tenantsWithPacks(): Promise<readonly string[]>;
  /** A stamp of each tenant's packs that changes whenever a version is published or withdrawn (for other instances). */
  stamps(): Promise<ReadonlyMap<string, string>>;
  saveMedia(media: StoredMedia, at: Date): Promise<void>;
  /** An image by its id, for serving. */
  media(id: string): Promise<StoredMedia | undefined>;
  /** How many images the tenant has stored. */
  mediaCount(tenantId: string): Promise<number>;
  /** The type of each of the ids that is an image of this tenant. */
  mediaTypes(tenantId: string, ids: readonly string[]): Promise<ReadonlyMap<string, ImageType>>;
}

/** The image types a lesson may carry (found from the bytes, never from a name or a declared type). */
export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp';

/** File extension of each image type, used in media URLs. */
export const imageExtensions: Readonly<Record<ImageType, string>> = Object.freeze({ 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' });

/** Limits of uploads from the tab. */
export const uploadLimits = Object.freeze({
  /** Bytes of one image: its base64 in a JSON body stays under the 1 MB every request is held to. */
  imageBytes: 700 * 1024,
  /** Characters of a pack's source text (JSON or YAML). */
  sourceChars: 512 * 1024,
  /** Images named in one upload. */
  images: 60,
  /** Images one tenant may store (about 200 MB at the largest). */
  tenantImages: 300,
});

/** A problem with an upload that the validator does not find; the tab API words it from the catalog. */
export type UploadProblemCode =
  | 'notParsed'
  | 'tooLarge'
  | 'builtinId'
  | 'versionNotHigher'
  | 'imageNotUploaded'
  | 'imageExternal'
  | 'imageEveryLanguage'
  | 'imageAltMissing';

/** One problem in an uploaded pack: one of the validator's (`check`), or one of ours (`code`). */
export type UploadProblem = {
  readonly path: string;
  /** Line and column (from 1) of the place in a YAML pack. */
  readonly line?: number;
  readonly column?: number;
  readonly language?: string;
  /** The validator's English wording of its problem (for logs), when `check` is set. */
  readonly message?: string;
  /** Our own problem, worded by the catalog key `packs.problem.<code>`. */
  readonly code?: UploadProblemCode;
  /** The validator's code for its problem, worded by the catalog key `packs.check.<check>`. */
  readonly check?: string;
  /** Values for the placeholders of the message of `code` or `check`. */
  readonly params?: Readonly<Record<string, string | number>>;
};

/** One problem the validator finds: its code (`packs.check.*`), the values for its message, and the English wording. */
export type ValidatorIssue = {
  readonly path: string;
  readonly language?: string;
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
  readonly message: string;
};

/** A pack as uploaded from the tab: its source text, its file name, and the images uploaded with it by name. */
export type PackUpload = {
  readonly fileName: string;
  readonly source: string;
  /** File name used in the pack's `image.url` → the media id the upload of that file answered. */
  readonly images: Readonly<Record<string, string>>;
};

/** Why an image upload was refused. */
export type ImageRefusal = 'tooLarge' | 'type' | 'dimensions' | 'empty' | 'quota';

/** The outcome of checking an upload: the pack when it has no problems. */
export type UploadCheck = { readonly pack: Course | undefined; readonly problems: readonly UploadProblem[] };

/** The validator, the parser and the image sniffer, from outside the core. */
export type PackTools = {
  /** Parses JSON or YAML (by file name or content); a message when it cannot. */
  parse(
    fileName: string,
    source: string,
  ): { readonly data: unknown; readonly locate?: (path: string) => { readonly line: number; readonly column: number } | undefined } | { readonly error: string; readonly line?: number; readonly column?: number };
  /** The pack validator (bot/course/validate-pack.ts): the pack when valid, otherwise every problem. */
  validate(data: unknown): { readonly pack: Course | undefined; readonly issues: readonly ValidatorIssue[] };
  /** The image type found in the bytes; refused for anything else (SVG, GIF, text …) or too many pixels. */
  imageType(bytes: Buffer): Promise<{ readonly type: ImageType } | { readonly refusal: 'type' | 'dimensions' }>;
};

type Json = Record<string, unknown>;

/** Stands in for the app's own http:// address (local mode only) while the validator, which takes only https://, checks a pack. */
const localMediaStandIn = 'https://local-mode.invalid';
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Course packs a tenant publishes itself: checked, stored per tenant, offered only to that tenant.
 * @remarks Keeps the published packs of every tenant in memory, so the course catalog stays synchronous; each change
 * here updates it, and {@link refresh} reloads a tenant (another instance may have changed it).
 */
export class TenantPackService {
  private readonly published = new Map<string, readonly Course[]>();

  constructor(
    private readonly deps: {
      readonly repository: TenantPackRepository;
      readonly tools: PackTools;
      /** Course ids of the deployment (built-in and COURSE_PACKS): a tenant may not publish one. */
      readonly deploymentCourseIds: () => readonly string[];
      /** The app's public origin, e.g. https://laerekraft.example.no: images are served from it. */
      readonly publicUrl: string;
      readonly clock: Clock;
    },
  ) {}

  private stamps = new Map<string, string>();

  /** Loads every tenant's published packs; call once at start. */
  async load(): Promise<void> {
    this.stamps = new Map(await this.deps.repository.stamps());
    for (const tenantId of await this.deps.repository.tenantsWithPacks()) await this.refresh(tenantId);
  }

  /**
   * Reloads the tenants whose packs another instance changed since the last look (one small query when nothing did).
   * @remarks Called on a timer, so a version published on one instance reaches the others within that interval.
   */
  async refreshChanged(): Promise<void> {
    const now = await this.deps.repository.stamps();
    for (const [tenantId, stamp] of now) {
      if (this.stamps.get(tenantId) !== stamp) await this.refresh(tenantId);
    }
    this.stamps = new Map(now);
  }

  /** Reloads one tenant's published packs from the database. */
  async refresh(tenantId: string): Promise<void> {
    const versions = await this.deps.repository.versions(tenantId);
    this.published.set(tenantId, newestPublished(versions).map((version) => version.course));
  }

  /** The packs the tenant has published and not withdrawn, newest version of each course id. */
  publishedPacks(tenantId: string): readonly Course[] {
    return this.published.get(tenantId) ?? [];
  }

  /** Every version the tenant published, newest first within each course. */
  async versions(tenantId: string): Promise<readonly TenantPackVersion[]> {
    const versions = await this.deps.repository.versions(tenantId);
    return [...versions].sort((a, b) => a.courseId.localeCompare(b.courseId) || semver.rcompare(a.version, b.version));
  }

  /** The URL cards load an image from. */
  mediaUrl(media: Pick<StoredMedia, 'id' | 'contentType'>): string {
    return `${this.deps.publicUrl}/media/${media.id}.${imageExtensions[media.contentType]}`;
  }

  /** Checks and stores one lesson image for the tenant: PNG, JPEG or WebP by its bytes, at most {@link uploadLimits.imageBytes}. */
  async uploadImage(tenantId: string, data: Buffer): Promise<{ readonly ok: true; readonly id: string; readonly url: string; readonly contentType: ImageType } | { readonly ok: false; readonly reason: ImageRefusal }> {
    if (data.length === 0) return { ok: false, reason: 'empty' };
    if (data.length > uploadLimits.imageBytes) return { ok: false, reason: 'tooLarge' };
    const found = await this.deps.tools.imageType(data);
    if ('refusal' in found) return { ok: false, reason: found.refusal };
    const contentType = found.type;
    const id = createHash('sha256').update(tenantId).update('\n').update(data).digest('hex');
    const known = (await this.deps.repository.mediaTypes(tenantId, [id])).has(id);
    if (!known && (await this.deps.repository.mediaCount(tenantId)) >= uploadLimits.tenantImages) return { ok: false, reason: 'quota' };
    await this.deps.repository.saveMedia({ id, tenantId, contentType, data }, this.deps.clock.now());
    return { ok: true, id, url: this.mediaUrl({ id, contentType }), contentType };
  }

  /** An image for serving, by the id in its URL. */
  media(id: string): Promise<StoredMedia | undefined> {
    return this.deps.repository.media(id);
  }

  /**
   * Parses the upload, puts the URLs of the tenant's uploaded images where the pack names their files, and checks it:
   * the validator's every problem, and ours (deployment ids, versions, images in every language with alt text, images
   * only from this tenant's uploads).
   */
  async check(tenantId: string, upload: PackUpload): Promise<UploadCheck> {
    if (upload.source.length > uploadLimits.sourceChars) return { pack: undefined, problems: [{ path: '', code: 'tooLarge', params: { limit: String(uploadLimits.sourceChars / 1024) } }] };
    const parsed = this.deps.tools.parse(upload.fileName, upload.source);
    if ('error' in parsed) {
      const at = parsed.line === undefined ? {} : { line: parsed.line, ...(parsed.column === undefined ? {} : { column: parsed.column }) };
      return { pack: undefined, problems: [{ path: '', ...at, code: 'notParsed', params: { error: parsed.error } }] };
    }
    const problems: UploadProblem[] = [];
    const data = await this.placeImages(tenantId, parsed.data, upload.images, problems);
    problems.push(...imageLanguageProblems(data));
    // The validator takes only https:// image URLs; in local mode the app's own address is http://localhost.
    const local = !this.deps.publicUrl.startsWith('https://');
    const validated = this.deps.tools.validate(local ? JSON.parse(JSON.stringify(data).replaceAll(`${this.deps.publicUrl}/media/`, `${localMediaStandIn}/media/`)) : data);
    const issues = validated.issues;
    const pack = validated.pack && (local ? (data as Course) : validated.pack);
    problems.push(
      ...issues.map((issue) => ({
        path: issue.path,
        ...(parsed.locate?.(issue.path) ?? {}),
        check: issue.code,
        params: issue.params,
        message: issue.message,
        ...(issue.language === undefined ? {} : { language: issue.language }),
      })),
    );
    if (isRecord(data) && typeof data['id'] === 'string') {
      const id = data['id'];
      if (this.deps.deploymentCourseIds().includes(id)) problems.push({ path: '/id', code: 'builtinId', params: { id } });
      const version = data['version'];
      if (typeof version === 'string' && semver.valid(version)) {
        const existing = (await this.deps.repository.versions(tenantId)).filter((entry) => entry.courseId === id);
        const highest = existing.map((entry) => entry.version).sort(semver.rcompare)[0];
        if (highest && !semver.gt(version, highest)) problems.push({ path: '/version', code: 'versionNotHigher', params: { version, highest } });
      }
    }
    return { pack: problems.length === 0 ? pack : undefined, problems };
  }

  /** Publishes a checked pack as a new version for the tenant only. */
  async publish(tenantId: string, userId: string, upload: PackUpload): Promise<UploadCheck & { readonly published: boolean }> {
    const checked = await this.check(tenantId, upload);
    if (!checked.pack) return { ...checked, published: false };
    const { pack } = checked;
    const { $schema: _schema, ...course } = pack as Course & { $schema?: string };
    const stored = await this.deps.repository.publish(tenantId, { courseId: course.id, version: course.version, course, publishedAt: this.deps.clock.now(), publishedBy: userId });
    await this.refresh(tenantId);
    if (!stored) return { pack: undefined, problems: [{ path: '/version', code: 'versionNotHigher', params: { version: course.version, highest: course.version } }], published: false };
    return { ...checked, published: true };
  }

  /** Withdraws one version: the previous one not withdrawn is offered again, or the course leaves the tenant's offer. */
  async withdraw(tenantId: string, courseId: string, version: string): Promise<boolean> {
    const done = await this.deps.repository.withdraw(tenantId, courseId, version, this.deps.clock.now());
    await this.refresh(tenantId);
    return done;
  }

  private async placeImages(tenantId: string, data: unknown, images: Readonly<Record<string, string>>, problems: UploadProblem[]): Promise<unknown> {
    if (!isRecord(data) || !isRecord(data['content'])) return data;
    const ownPrefix = `${this.deps.publicUrl}/media/`;
    const named = [...new Set(Object.values(images))].slice(0, uploadLimits.images);
    const inPack = [...JSON.stringify(data['content']).matchAll(/\/media\/([0-9a-f]{64})\./g)].map((found) => found[1]!).slice(0, uploadLimits.images);
    const owned = await this.deps.repository.mediaTypes(tenantId, [...new Set([...named, ...inPack])]);
    const content: Json = {};
    for (const [language, text] of Object.entries(data['content'])) {
      if (!isRecord(text) || !Array.isArray(text['lessons'])) {
        content[language] = text;
        continue;
      }
      const lessons = text['lessons'].map((lesson: unknown, index: number) => {
        if (!isRecord(lesson) || !isRecord(lesson['image']) || typeof lesson['image']['url'] !== 'string') return lesson;
        const url = lesson['image']['url'];
        const path = `/content/${language}/lessons/${index}/image/url`;
        if (url.startsWith(ownPrefix)) {
          const id = /^([0-9a-f]{64})\.(png|jpg|webp)$/.exec(url.slice(ownPrefix.length))?.[1];
          if (!id || !owned.has(id)) problems.push({ path, language, code: 'imageNotUploaded', params: { name: url } });
          return lesson;
        }
        if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
          problems.push({ path, language, code: 'imageExternal', params: { name: url } });
          return lesson;
        }
        const id = images[url];
        const type = id === undefined ? undefined : owned.get(id);
        if (id === undefined || type === undefined) {
          problems.push({ path, language, code: 'imageNotUploaded', params: { name: url } });
          return lesson;
        }
        return { ...lesson, image: { ...lesson['image'], url: this.mediaUrl({ id, contentType: type }) } };
      });
      content[language] = { ...text, lessons };
    }
    return { ...data, content };
  }
}

/** A lesson that has an image in one language must have it, with alt text, in every language of the pack. */
function imageLanguageProblems(data: unknown): UploadProblem[] {
  if (!isRecord(data) || !isRecord(data['content'])) return [];
  const problems: UploadProblem[] = [];
  const withImage = new Map<string, string>();
  const texts = Object.entries(data['content']).filter((entry): entry is [string, Json] => isRecord(entry[1]) && Array.isArray(entry[1]['lessons']));
  for (const [language, text] of texts) {
    for (const lesson of text['lessons'] as unknown[]) {
      if (isRecord(lesson) && typeof lesson['id'] === 'string' && isRecord(lesson['image']) && !withImage.has(lesson['id'])) withImage.set(lesson['id'], language);
    }
  }
  for (const [language, text] of texts) {
    (text['lessons'] as unknown[]).forEach((lesson, index) => {
      if (!isRecord(lesson) || typeof lesson['id'] !== 'string') return;
      const first = withImage.get(lesson['id']);
      if (first === undefined) return;
      const path = `/content/${language}/lessons/${index}/image`;
      if (!isRecord(lesson['image'])) problems.push({ path, language, code: 'imageEveryLanguage', params: { lesson: lesson['id'], language: first } });
      else if (typeof lesson['image']['alt'] !== 'string' || lesson['image']['alt'].trim() === '') problems.push({ path: `${path}/alt`, language, code: 'imageAltMissing', params: { lesson: lesson['id'] } });
    });
  }
  return problems;
}

/** The newest version not withdrawn of each course id. */
export function newestPublished(versions: readonly TenantPackVersion[]): readonly TenantPackVersion[] {
  const newest = new Map<string, TenantPackVersion>();
  for (const version of versions) {
    if (version.withdrawnAt) continue;
    const current = newest.get(version.courseId);
    if (!current || semver.gt(version.version, current.version)) newest.set(version.courseId, version);
  }
  return [...newest.values()].sort((a, b) => a.courseId.localeCompare(b.courseId));
}
