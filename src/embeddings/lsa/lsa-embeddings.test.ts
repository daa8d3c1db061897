import { describe, expect, it } from "vitest";
import { LsaEmbeddings } from "./lsa-embeddings.js";

describe("LsaEmbeddings.fit progress", () => {
  it("reports the vocabulary and TF-IDF phases per text, then each SVD step", () => {
    const texts = ["wire transfer fee", "wire transfer limit", "overdraft fee waived", "overdraft limit raised"];
    const calls: string[] = [];
    const embeddings = LsaEmbeddings.fit(texts, { dimensions: 2, minDf: 1, powerIterations: 2 }, { onProgress: (stage, done, total) => calls.push(`${stage} ${done}/${total}`) });
    expect(embeddings.k).toBe(2);
    expect(calls).toEqual([
      "fit: vocabulary 1/4", "fit: vocabulary 2/4", "fit: vocabulary 3/4", "fit: vocabulary 4/4",
      "fit: TF-IDF 1/4", "fit: TF-IDF 2/4", "fit: TF-IDF 3/4", "fit: TF-IDF 4/4",
      // The range finder, two power iterations, the Gram matrix, the projection.
      "fit: SVD 1/5", "fit: SVD 2/5", "fit: SVD 3/5", "fit: SVD 4/5", "fit: SVD 5/5",
    ]);
  });
});
