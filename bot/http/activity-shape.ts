import { z } from 'zod';

const account = z.object({ id: z.string().min(1) }).passthrough();

/** The least an activity needs before the Bot Framework adapter can handle it. */
const activityShape = z
  .object({
    type: z.string().min(1),
    serviceUrl: z.string().min(1),
    conversation: z.object({ id: z.string().min(1) }).passthrough(),
    from: account.optional(),
    recipient: account.optional(),
  })
  .passthrough();

/** What is missing or wrong in an incoming activity, as short `path: problem` lines; empty when usable. */
export function activityProblems(body: unknown): string[] {
  const result = activityShape.safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.') || 'activity'}: ${issue.message}`);
}

/** The tenant an activity says it comes from (`conversation.tenantId`, else `channelData.tenant.id`), lower-cased. */
export function activityTenant(body: unknown): string | undefined {
  const activity = body as { conversation?: { tenantId?: unknown }; channelData?: { tenant?: { id?: unknown } } } | undefined;
  const tenant = activity?.conversation?.tenantId ?? activity?.channelData?.tenant?.id;
  return typeof tenant === 'string' && tenant !== '' ? tenant.toLowerCase() : undefined;
}
