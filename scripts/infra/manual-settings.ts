import { z } from 'zod';

const manualSettingsSchema = z.object({
  $comment: z.string().optional(),
  settings: z
    .array(
      z.strictObject({
        name: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'must be UPPER_SNAKE'),
        how: z.enum(['platform', 'default', 'manual']),
        note: z.string().min(10),
      }),
    )
    .min(1),
});

/** One variable the server reads that infrastructure does not set, with how it gets its value. */
export type ManualSetting = z.infer<typeof manualSettingsSchema>['settings'][number];

/** Parses infra/manual-settings.json; throws with the path of every problem. */
export function parseManualSettings(text: string): readonly ManualSetting[] {
  const parsed = manualSettingsSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(`infra/manual-settings.json: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  return parsed.data.settings;
}
