import { describe, expect, it } from "vitest";
import { askedAction, withoutBareModifiers } from "./asked-action.js";

describe("askedAction", () => {
  it("reads the verb a procedure question asks how to do", () => {
    expect(askedAction("How do I order new checks?")).toBe("order");
    expect(askedAction("How can we go about claiming a service credit?")).toBe("claiming");
    expect(askedAction("My card was stolen. Where can I report it?")).toBe("report");
    expect(askedAction("What is the fee for a wire?")).toBeUndefined();
    expect(askedAction("How do I have to sign it?")).toBeUndefined();
  });
});

describe("withoutBareModifiers", () => {
  it("drops the adjectives of a procedure's object, which the passage saying how need not repeat", () => {
    expect(withoutBareModifiers("How do I order new checks?")).toBe("How do I order checks?");
    expect(withoutBareModifiers("How can I open an additional savings account online?")).toBe("How can I open a savings account online?");
  });

  it("keeps words that are also nouns or verbs, names, words after the object, and any other question", () => {
    expect(withoutBareModifiers("How do I report a lost card?")).toBe("How do I report a lost card?");
    expect(withoutBareModifiers("How do I open a New Horizons account?")).toBe("How do I open a New Horizons account?");
    expect(withoutBareModifiers("How do I close my account online?")).toBe("How do I close my account online?");
    expect(withoutBareModifiers("What is the new fee?")).toBe("What is the new fee?");
    expect(withoutBareModifiers("How do I open a new everyday account?", (word) => word === "new")).toBe("How do I open a new account?");
  });
});
