import { z } from 'zod';

/** Text in English and Traditional Chinese: every user-facing string the engine produces has both. */
export const LocalizedText = z.object({ en: z.string().min(1), zh: z.string().min(1) }).meta({ id: 'LocalizedText' });
export type LocalizedText = z.infer<typeof LocalizedText>;
