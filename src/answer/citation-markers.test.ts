import { describe, expect, it } from "vitest";
import { parseCitationMarkers, sentencesCiting } from "./citation-markers.js";

describe("parseCitationMarkers", () => {
  it("keeps valid markers, splits lists, drops out-of-range ones", () => {
    expect(parseCitationMarkers("Fee is $12 [1, 3]. Limit is $500 [0][2] [4].", 3)).toEqual({
      text: "Fee is $12 [1][3]. Limit is $500 [2].",
      cited: [1, 3, 2],
      dropped: 2,
    });
  });
});

describe("sentencesCiting", () => {
  it("returns the sentences that carry a marker, without markers", () => {
    expect(sentencesCiting("Fee is $12 [1]. Limit is $500 [2]. Waived at 65 [1].", 1)).toBe("Fee is $12. Waived at 65.");
  });
});
