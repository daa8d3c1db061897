import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { CorpusError } from "../errors.js";

export const ChunkingSettingsSchema = z
  .object({
    /** Upper bound on words per chunk (heading path not counted). */
    maxWords: z.number().int().min(20).max(4000).default(220),
    /** A section's last chunk smaller than this is merged into the previous one when it fits. */
    minWords: z.number().int().min(0).max(1000).default(40),
  })
  .strict();

export type ChunkingSettings = z.infer<typeof ChunkingSettingsSchema>;

const ColumnName = z.string().min(1);

/** How CSV rows become documents (one document per row). Applies to every .csv file of the corpus. */
export const CsvSettingsSchema = z
  .object({
    /** Column whose value names the row: document id `<file id>/<value>`. Without it: `<file id>/row-<n>`. */
    idColumn: ColumnName.optional(),
    /** Column whose value is the document title. Without it: `<file title>: <id value>` or `<file title>, row <n>`. */
    titleColumn: ColumnName.optional(),
    /** Columns written into the text as `Column: value` lines. Default: every column except idColumn and metadataColumns. */
    textColumns: z.array(ColumnName).min(1).optional(),
    /** Columns copied into the document's (and each chunk's) metadata. */
    metadataColumns: z.array(ColumnName).default([]),
  })
  .strict();

export type CsvSettings = z.infer<typeof CsvSettingsSchema>;

/** Which JSON field of a JSONL line holds what. Defaults: `{id, title, text, metadata}`. */
export const JsonlFieldsSchema = z
  .object({
    id: z.string().min(1).default("id"),
    title: z.string().min(1).default("title"),
    text: z.string().min(1).default("text"),
    /** A field holding an object of metadata, or a list of top-level fields to copy into metadata. */
    metadata: z.union([z.string().min(1), z.array(z.string().min(1))]).default("metadata"),
  })
  .strict();

/** How JSONL lines become documents (one document per line). Applies to every .jsonl file of the corpus. */
export const JsonlSettingsSchema = z
  .object({
    fields: JsonlFieldsSchema.prefault({}),
  })
  .strict();

export type JsonlSettings = z.infer<typeof JsonlSettingsSchema>;

/** Every file type a shipped loader reads. */
export const DEFAULT_INCLUDE: readonly string[] = ["**/*.{md,markdown,txt,pdf,docx,html,htm,csv,jsonl}"];

export const CorpusManifestSchema = z
  .object({
    /** Free text for humans (the scaffold explains the fields here). */
    $comment: z.string().optional(),
    name: z.string().regex(/^[a-z0-9][a-z0-9-_]*$/, "lower-case letters, digits, '-' and '_'"),
    domain: z.string().min(1),
    description: z.string().min(1),
    language: z.string().min(2).default("en"),
    include: z.array(z.string().min(1)).min(1).default(() => [...DEFAULT_INCLUDE]),
    exclude: z.array(z.string().min(1)).default([]),
    chunking: ChunkingSettingsSchema.default({ maxWords: 220, minWords: 40 }),
    csv: CsvSettingsSchema.optional(),
    jsonl: JsonlSettingsSchema.optional(),
    /** Example questions shown to users (CLI help, web UI). */
    examples: z.array(z.string().min(1)).default([]),
    /** Answer settings calibrated for this corpus (`npm run calibrate`): the refusal threshold on the support scale, and the support model it was picked with. Not part of the index hash. */
    answer: z
      .object({
        minEvidence: z.number().min(0).max(1),
        supportModel: z.object({ intercept: z.number(), lexical: z.number(), unfamiliar: z.number(), valueGap: z.number().optional(), shortPassage: z.number().optional() }).strict().optional(),
      })
      .strict()
      .optional(),
    /** Retrieval settings chosen for this corpus by `npm run tune` (an environment variable still wins). */
    retrieval: z
      .object({
        mode: z.enum(["dense", "sparse", "hybrid"]),
        entityBoost: z.number().min(0).max(5),
        periodBoost: z.number().min(0).max(5),
        maxPerDocument: z.number().int().min(1).max(50),
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict();

export type CorpusManifest = z.infer<typeof CorpusManifestSchema>;

export interface ResolvedCorpus {
  /** Absolute path of the corpus folder (the one holding corpus.json). */
  dir: string;
  manifest: CorpusManifest;
  /** The raw bytes of corpus.json, part of the corpus content hash. */
  manifestText: string;
}

/**
 * Finds a corpus by shipped name (`corpora/<name>`) or by a path to a folder with a corpus.json,
 * and validates its manifest.
 */
export async function resolveCorpus(nameOrPath: string, corporaDir: string): Promise<ResolvedCorpus> {
  const looksLikePath = nameOrPath.includes("/") || nameOrPath.includes("\\") || nameOrPath.startsWith(".");
  const dir = path.resolve(looksLikePath ? nameOrPath : path.join(corporaDir, nameOrPath));
  const manifestPath = path.join(dir, "corpus.json");
  const exists = await stat(manifestPath).then((s) => s.isFile(), () => false);
  if (!exists) {
    throw new CorpusError(
      `No corpus.json in ${dir}. Pass a shipped corpus name (a folder of ${corporaDir}) or a path to a folder that holds a corpus.json.`,
    );
  }
  const manifestText = await readFile(manifestPath, "utf8");
  let json: unknown;
  try {
    json = JSON.parse(manifestText);
  } catch (error) {
    throw new CorpusError(`${manifestPath} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = CorpusManifestSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
    throw new CorpusError(`${manifestPath} is invalid:\n  ${lines.join("\n  ")}`, { details: parsed.error.issues });
  }
  return { dir, manifest: parsed.data, manifestText };
}
