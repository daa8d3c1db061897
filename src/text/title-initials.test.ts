import { describe, expect, it } from "vitest";
import { titleInitials } from "./title-initials.js";

describe("titleInitials", () => {
  it("names a document by the initials of its title's words", () => {
    expect(titleInitials("Master Subscription Agreement")).toEqual(["msa"]);
    expect(titleInitials("Service Level Agreement")).toEqual(["sla"]);
    expect(titleInitials("Data Processing Addendum")).toEqual(["dpa"]);
  });

  it("gives none for one word, a long title, or a name with numbers or codes", () => {
    expect(titleInitials("Glossary")).toEqual([]);
    expect(titleInitials("Skyvane Trek 5 Action Camera")).toEqual([]);
    expect(titleInitials("Financial report excerpt 54336f3b")).toEqual([]);
    expect(titleInitials("Order Form FH-2025-0417 (Kestrel Outfitters)")).toEqual([]);
    expect(titleInitials("Terms And Conditions Of Sale For Business Customers")).toEqual([]);
  });
});
