import { LsaEmbeddings, type LsaParts } from "./lsa-embeddings.js";

/** The model of the parts this thread was given, made once per thread. */
let model: { parts: LsaParts; embeddings: LsaEmbeddings } | undefined;

/** Worker task (WorkerPool): the vectors of a slice of texts, row after row (k values each). */
export function run(texts: string[], parts: LsaParts): Float64Array {
  if (model?.parts !== parts) model = { parts, embeddings: LsaEmbeddings.fromParts(parts) };
  const { embeddings } = model;
  const out = new Float64Array(texts.length * embeddings.k);
  texts.forEach((text, row) => embeddings.embedInto(text, out, row * embeddings.k));
  return out;
}

export function transferList(output: Float64Array): ArrayBuffer[] {
  return [output.buffer as ArrayBuffer];
}
