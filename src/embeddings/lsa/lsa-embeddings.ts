import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { Embeddings } from "@langchain/core/embeddings";
import { z } from "zod";
import { IndexStaleError } from "../../errors.js";
import type { ProgressCallback } from "../../progress.js";
import { seededRandom } from "../../math/seeded-random.js";
import { mapInWorkers, sliceRanges, taskModule } from "../../workers/worker-pool.js";
import { randomizedSvd, sparseRows } from "./randomized-svd.js";
import { extractTerms, fitVocabulary, type Vocabulary, vocabularyFrom, weightTerms } from "./term-weighting.js";

export interface LsaOptions {
  dimensions: number;
  minDf: number;
  maxFeatures: number;
  bigrams: boolean;
  powerIterations: number;
  seed: number;
  /** Most chunks the vocabulary, idf and SVD are fitted on; a larger corpus is fitted on a seeded sample of this size (every chunk is still embedded). */
  fitSample: number;
}

export const DEFAULT_LSA_OPTIONS: LsaOptions = {
  dimensions: 256,
  minDf: 2,
  maxFeatures: 40_000,
  bigrams: true,
  powerIterations: 2,
  seed: 42,
  fitSample: 20_000,
};

/** A fitted model as plain data, to send to a worker thread. */
export interface LsaParts {
  options: LsaOptions;
  terms: string[];
  idf: Float64Array;
  components: Float32Array;
  k: number;
  fittedOn: number;
}

/** Texts from which the fit's SVD runs on worker threads (when it is given more than one). */
export const SVD_IN_WORKERS_FROM_TEXTS = 2_000;

const MODEL_FILE = "lsa-model.json";
const COMPONENTS_FILE = "lsa-components.f32";

const SavedModelSchema = z.object({
  format: z.literal("lsa-v1"),
  options: z.object({
    dimensions: z.number().int().positive(),
    minDf: z.number().int().positive(),
    maxFeatures: z.number().int().positive(),
    bigrams: z.boolean(),
    powerIterations: z.number().int().min(0),
    seed: z.number().int(),
    fitSample: z.number().int().positive().optional(),
  }),
  /** How many texts the model was fitted on (all of them, or the sample). */
  fittedOn: z.number().int().nonnegative().optional(),
  k: z.number().int().positive(),
  terms: z.array(z.string()),
  idf: z.array(z.number()),
});

/**
 * Offline dense embeddings by latent semantic analysis: TF-IDF over stemmed unigrams and bigrams,
 * reduced by a truncated SVD fitted on the corpus at ingest. Needs no download, is deterministic, and
 * embeds queries exactly like documents (same vocabulary, same projection). Saved beside the index.
 */
/**
 * The texts a model is fitted on: all of them up to `size`, else a seeded sample of `size` of them
 * (partial Fisher-Yates), kept in corpus order.
 */
export function fitSampleOf<T>(texts: readonly T[], size: number, seed: number): T[] {
  if (texts.length <= size) return [...texts];
  const positions = Array.from(texts, (_, index) => index);
  const random = seededRandom(seed);
  for (let slot = 0; slot < size; slot += 1) {
    const pick = slot + Math.floor(random() * (positions.length - slot));
    [positions[slot], positions[pick]] = [positions[pick]!, positions[slot]!];
  }
  return positions.slice(0, size).sort((a, b) => a - b).map((index) => texts[index]!);
}

/** The embedder id of LSA with these options: `local-lsa-v1(d=256,minDf=2,...)`, with `,sample=N` for a fit bound other than the default. */
export function lsaEmbedderId(o: LsaOptions): string {
  // The default fit bound is left out, so indexes (and eval baselines) made before the bound existed keep their id.
  const sample = o.fitSample === DEFAULT_LSA_OPTIONS.fitSample ? "" : `,sample=${o.fitSample}`;
  return `local-lsa-v1(d=${o.dimensions},minDf=${o.minDf},max=${o.maxFeatures},bigrams=${o.bigrams},seed=${o.seed}${sample})`;
}

export class LsaEmbeddings extends Embeddings {
  readonly options: LsaOptions;
  private readonly vocabulary: Vocabulary;
  private readonly components: Float32Array;
  /** Dimensions of the vectors (can be below options.dimensions for a tiny corpus). */
  readonly k: number;
  /** How many texts the model was fitted on (at most options.fitSample). */
  readonly fittedOn: number;

  private constructor(options: LsaOptions, vocabulary: Vocabulary, components: Float32Array, k: number, fittedOn: number) {
    super({});
    this.options = options;
    this.vocabulary = vocabulary;
    this.components = components;
    this.k = k;
    this.fittedOn = fittedOn;
  }

  /** Stable identifier recorded in the index manifest; a different value forces a rebuild. */
  get id(): string {
    return lsaEmbedderId(this.options);
  }

  /**
   * Fits vocabulary, idf and projection on the texts of the corpus (on a seeded sample of
   * `fitSample` of them when there are more); progress by phase: vocabulary, TF-IDF, SVD steps.
   */
  static async fit(allTexts: string[], options: Partial<LsaOptions> = {}, hooks: { onProgress?: ProgressCallback; workers?: number } = {}): Promise<LsaEmbeddings> {
    const settings = { ...DEFAULT_LSA_OPTIONS, ...options };
    const report = hooks.onProgress ?? (() => undefined);
    const texts = fitSampleOf(allTexts, settings.fitSample, settings.seed);
    // A small fit takes less time than starting worker threads.
    const workers = texts.length >= SVD_IN_WORKERS_FROM_TEXTS ? (hooks.workers ?? 1) : 1;
    const termLists = texts.map((text, index) => {
      report("fit: vocabulary", index + 1, texts.length);
      return extractTerms(text, settings.bigrams);
    });
    const vocabulary = fitVocabulary(termLists, settings);
    // The TF-IDF rows go straight into blocks (shared with the SVD's worker threads); the term lists are let go.
    function* rows() {
      for (let index = 0; index < termLists.length; index += 1) {
        report("fit: TF-IDF", index + 1, termLists.length);
        yield weightTerms(termLists[index]!, vocabulary);
      }
    }
    const matrix = sparseRows(rows(), vocabulary.terms.length, workers > 1);
    termLists.length = 0;
    const svd = await randomizedSvd(matrix, settings.dimensions, {
      powerIterations: settings.powerIterations,
      seed: settings.seed,
      workers,
      onStep: (done, total) => report("fit: SVD", done, total),
    });
    return new LsaEmbeddings(settings, vocabulary, svd.components, svd.k, texts.length);
  }

  static async load(directory: string): Promise<LsaEmbeddings> {
    const modelPath = path.join(directory, MODEL_FILE);
    const parsed = SavedModelSchema.safeParse(JSON.parse(await readFile(modelPath, "utf8")));
    if (!parsed.success) {
      throw new IndexStaleError(`${modelPath} is not a model this version can read.`, ["embedder model format"]);
    }
    const model = parsed.data;
    const bytes = await readFile(path.join(directory, COMPONENTS_FILE));
    const components = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    if (components.length !== model.terms.length * model.k) {
      throw new IndexStaleError(`${COMPONENTS_FILE} does not match ${MODEL_FILE}.`, ["embedder model files"]);
    }
    const options = { ...model.options, fitSample: model.options.fitSample ?? DEFAULT_LSA_OPTIONS.fitSample };
    return new LsaEmbeddings(options, vocabularyFrom(model.terms, Float64Array.from(model.idf)), components, model.k, model.fittedOn ?? 0);
  }

  async save(directory: string): Promise<void> {
    const model: z.infer<typeof SavedModelSchema> = {
      format: "lsa-v1",
      options: this.options,
      k: this.k,
      fittedOn: this.fittedOn,
      terms: this.vocabulary.terms,
      idf: Array.from(this.vocabulary.idf),
    };
    await writeFile(path.join(directory, MODEL_FILE), JSON.stringify(model));
    await writeFile(path.join(directory, COMPONENTS_FILE), Buffer.from(this.components.buffer, this.components.byteOffset, this.components.byteLength));
  }

  /** What a worker thread needs to embed like this model (`LsaEmbeddings.fromParts`); the components in a SharedArrayBuffer when `shared`, so workers share one copy. */
  parts(shared: boolean): LsaParts {
    const components = shared ? new Float32Array(new SharedArrayBuffer(this.components.byteLength)) : this.components;
    if (shared) components.set(this.components);
    return { options: this.options, terms: this.vocabulary.terms, idf: this.vocabulary.idf, components, k: this.k, fittedOn: this.fittedOn };
  }

  /** The model from `parts()`, in another thread. */
  static fromParts(parts: LsaParts): LsaEmbeddings {
    return new LsaEmbeddings(parts.options, vocabularyFrom(parts.terms, parts.idf), parts.components, parts.k, parts.fittedOn);
  }

  /** Writes the unit vector of a text into `out` at `offset` (k values); zeros when no term is known. */
  embedInto(text: string, out: Float64Array, offset: number): void {
    const { indices, values } = weightTerms(extractTerms(text, this.options.bigrams), this.vocabulary);
    const vector = out.subarray(offset, offset + this.k);
    vector.fill(0);
    for (let slot = 0; slot < indices.length; slot += 1) {
      const base = indices[slot]! * this.k;
      const weight = values[slot]!;
      for (let dim = 0; dim < this.k; dim += 1) vector[dim]! += weight * this.components[base + dim]!;
    }
    let norm = 0;
    for (let dim = 0; dim < this.k; dim += 1) norm += vector[dim]! ** 2;
    norm = Math.sqrt(norm);
    for (let dim = 0; dim < this.k; dim += 1) vector[dim] = norm > 0 ? vector[dim]! / norm : 0;
  }

  /** Embeds synchronously: the projection is a sparse-dense product, no I/O. Zero vector when no term is known. */
  embedSync(text: string): number[] {
    const vector = new Float64Array(this.k);
    this.embedInto(text, vector, 0);
    return Array.from(vector);
  }

  /**
   * Embeds many texts on `workers` threads (slices of the texts, never all of them per worker; the
   * model's components shared), in order; the vectors are exactly those of `embedSync`.
   */
  async embedMany(texts: readonly string[], options: { workers: number; onProgress?: (done: number, total: number) => void }): Promise<number[][]> {
    const ranges = sliceRanges(texts.length, options.workers);
    let done = 0;
    const outputs = await mapInWorkers<LsaParts, string[], Float64Array>(
      { task: taskModule("./embed-task", import.meta.url), workers: options.workers, shared: this.parts(options.workers > 1) },
      ranges.map(([start, end]) => texts.slice(start, end)),
      {
        onOutput: (index) => {
          done += ranges[index]![1] - ranges[index]![0];
          options.onProgress?.(done, texts.length);
        },
      },
    );
    return outputs.flatMap((flat) => Array.from({ length: flat.length / this.k }, (_, row) => Array.from(flat.subarray(row * this.k, (row + 1) * this.k))));
  }

  override async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((text) => this.embedSync(text));
  }

  override async embedQuery(text: string): Promise<number[]> {
    return this.embedSync(text);
  }
}
