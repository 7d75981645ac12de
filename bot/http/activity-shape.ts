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

/** What {@link activityTenant} answers when the two tenant fields name different tenants: admitted by no allow-list. */
export const CONFLICTING_TENANTS = '(conflicting)';

/**
 * The tenant an activity says it comes from (`channelData.tenant.id`, which the bot stores under, else
 * `conversation.tenantId`), lower-cased; {@link CONFLICTING_TENANTS} when the two disagree.
 */
export function activityTenant(body: unknown): string | undefined {
  const activity = body as { conversation?: { tenantId?: unknown }; channelData?: { tenant?: { id?: unknown } } } | undefined;
  const named = [activity?.channelData?.tenant?.id, activity?.conversation?.tenantId]
    .filter((tenant): tenant is string => typeof tenant === 'string' && tenant !== '')
    .map((tenant) => tenant.toLowerCase());
  if (new Set(named).size > 1) return CONFLICTING_TENANTS;
  return named[0];
}
