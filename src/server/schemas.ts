import { z } from "zod";

export const AskRequestSchema = z
  .object({
    question: z.string().trim().min(1, "question must not be empty").max(2000, "question must be at most 2000 characters"),
    topK: z.number().int().min(1).max(50).optional(),
  })
  .strict();

export type AskRequest = z.infer<typeof AskRequestSchema>;
