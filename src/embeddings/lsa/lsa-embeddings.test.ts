import { describe, expect, it } from "vitest";
import { fitSampleOf, LsaEmbeddings } from "./lsa-embeddings.js";

describe("LsaEmbeddings.fit progress", () => {
  it("reports the vocabulary and TF-IDF phases per text, then each SVD step", async () => {
    const texts = ["wire transfer fee", "wire transfer limit", "overdraft fee waived", "overdraft limit raised"];
    const calls: string[] = [];
    const embeddings = await LsaEmbeddings.fit(texts, { dimensions: 2, minDf: 1, powerIterations: 2 }, { onProgress: (stage, done, total) => calls.push(`${stage} ${done}/${total}`) });
    expect(embeddings.k).toBe(2);
    expect(calls).toEqual([
      "fit: vocabulary 1/4", "fit: vocabulary 2/4", "fit: vocabulary 3/4", "fit: vocabulary 4/4",
      "fit: TF-IDF 1/4", "fit: TF-IDF 2/4", "fit: TF-IDF 3/4", "fit: TF-IDF 4/4",
      // The range finder, two power iterations, the Gram matrix, the projection.
      "fit: SVD 1/5", "fit: SVD 2/5", "fit: SVD 3/5", "fit: SVD 4/5", "fit: SVD 5/5",
    ]);
  });
});

describe("LsaEmbeddings.fit on a bounded sample", () => {
  const texts = Array.from({ length: 60 }, (_, index) => `topic ${index % 7} wire transfer fee ${index % 5} overdraft limit ${index % 3} card ${index}`);

  it("fits on a seeded sample of fitSample texts, in corpus order, and says so", async () => {
    const sample = fitSampleOf(texts, 20, 42);
    expect(sample).toHaveLength(20);
    expect(new Set(sample).size).toBe(20);
    expect(sample.map((text) => texts.indexOf(text))).toEqual([...sample.map((text) => texts.indexOf(text))].sort((a, b) => a - b));
    expect(fitSampleOf(texts, 20, 42)).toEqual(sample);
    expect(fitSampleOf(texts, 20, 7)).not.toEqual(sample);
    const bounded = await LsaEmbeddings.fit(texts, { dimensions: 4, fitSample: 20 });
    const onSample = await LsaEmbeddings.fit(sample, { dimensions: 4, fitSample: 20 });
    expect(bounded.fittedOn).toBe(20);
    // Every text is still embedded, with the model of the sample.
    expect(bounded.embedSync(texts[59]!)).toEqual(onSample.embedSync(texts[59]!));
  });

  it("leaves a corpus within the bound exactly as before: same vectors as an unbounded fit", async () => {
    const within = await LsaEmbeddings.fit(texts, { dimensions: 4, fitSample: 60 });
    const unbounded = await LsaEmbeddings.fit(texts, { dimensions: 4, fitSample: 1_000_000 });
    expect(within.fittedOn).toBe(60);
    expect(fitSampleOf(texts, 60, 42)).toEqual(texts);
    expect(texts.map((text) => within.embedSync(text))).toEqual(texts.map((text) => unbounded.embedSync(text)));
  });
});

describe("LsaEmbeddings.embedMany", () => {
  it("gives exactly embedSync's vectors, in order, on two worker threads as in this one", async () => {
    const texts = Array.from({ length: 700 }, (_, index) => `topic ${index % 11} wire transfer fee ${index % 5} overdraft limit ${index % 3} card ${index % 17}`);
    const embeddings = await LsaEmbeddings.fit(texts, { dimensions: 6 });
    const progress: number[] = [];
    const inWorkers = await embeddings.embedMany(texts, { workers: 2, onProgress: (done) => progress.push(done) });
    expect(inWorkers).toEqual(texts.map((text) => embeddings.embedSync(text)));
    expect(await embeddings.embedMany(texts, { workers: 1 })).toEqual(inWorkers);
    expect(progress.sort((a, b) => a - b).at(-1)).toBe(700);
    expect(progress.length).toBeGreaterThan(1);
  });
});
