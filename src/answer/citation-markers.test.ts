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

  it("removes a dropped marker together with the connective that joined it to a kept one", () => {
    expect(parseCitationMarkers("See also [1] and [7] and [3].", 3)).toEqual({ text: "See also [1] and [3].", cited: [1, 3], dropped: 1 });
    expect(parseCitationMarkers("See [1], [3] and [9].", 3).text).toBe("See [1] and [3].");
    expect(parseCitationMarkers("See [8], [2], and [3].", 3).text).toBe("See [2] and [3].");
    expect(parseCitationMarkers("See [1], [2], [9], and [3].", 3).text).toBe("See [1], [2], and [3].");
    expect(parseCitationMarkers("Either [5] or [2] applies.", 3).text).toBe("Either [2] applies.");
    expect(parseCitationMarkers("Fees apply [8] and [9].", 3)).toEqual({ text: "Fees apply.", cited: [], dropped: 2 });
  });

  it("leaves words that are not between markers alone", () => {
    expect(parseCitationMarkers("Fees [1] and limits [2] apply.", 2).text).toBe("Fees [1] and limits [2] apply.");
  });
});

describe("sentencesCiting", () => {
  it("returns the sentences that carry a marker, without markers", () => {
    expect(sentencesCiting("Fee is $12 [1]. Limit is $500 [2]. Waived at 65 [1].", 1)).toBe("Fee is $12. Waived at 65.");
  });
});
