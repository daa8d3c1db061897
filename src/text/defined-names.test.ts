import { describe, expect, it } from "vitest";
import { definedShortNames } from "./defined-names.js";

describe("definedShortNames", () => {
  it("reads the code a document defines for itself after 'This ...'", () => {
    expect(definedShortNames('This Mutual Non-Disclosure Agreement (the "NDA") is made on January 15, 2025 (the "NDA Effective Date").', "Mutual Non-Disclosure Agreement")).toEqual(["NDA"]);
    expect(definedShortNames('This Data Processing Addendum ("DPA") forms part of the agreement.', "Data Processing Addendum")).toEqual(["DPA"]);
    expect(definedShortNames("This Statement of Work No. 1 (this “SOW”) is issued under the agreement.", "Statement of Work No. 1 - Implementation Services")).toEqual(["SOW"]);
  });

  it("reads single quotes, 'hereinafter' and an opening in capitals", () => {
    expect(definedShortNames('THIS MASTER SERVICES AGREEMENT (the "MSA") is entered into by Acme Corp. ("ACME").', "Master Services Agreement")).toEqual(["MSA"]);
    expect(definedShortNames('THIS AGREEMENT IS MADE BETWEEN ACME CORP ("ACME") AND BOLT LLC ("BOLT").', "Master Services Agreement")).toEqual([]);
    expect(definedShortNames("This Framework Agreement (the 'FWA') is made between the parties.", "Framework Agreement")).toEqual(["FWA"]);
    expect(definedShortNames('This Master Services Agreement (hereinafter referred to as the "MSA") is made.', "Master Services Agreement")).toEqual(["MSA"]);
    expect(definedShortNames('This Data Agreement ("Kestrel\'s Data") is made.', "Data Agreement")).toEqual([]);
  });

  it("reads the code defined right after the document's own title", () => {
    expect(definedShortNames('Master Services Agreement (the "MSA2"), between Acme and Bolt.', "Master Services Agreement")).toEqual(["MSA2"]);
  });

  it("leaves out parties' names, one-word common nouns, and codes defined for another document", () => {
    expect(definedShortNames('This Order Form is made between Fernhollow Systems, Inc. ("FSI") and Kestrel Outfitters, Inc. ("Kestrel").', "Order Form")).toEqual([]);
    expect(definedShortNames('This Master Subscription Agreement (the "Agreement") is made between Fernhollow ("Fernhollow") and Kestrel ("Customer").', "Master Subscription Agreement")).toEqual([]);
    expect(definedShortNames('This Amendment No. 1 (the "Amendment") amends the Master Subscription Agreement of April 1, 2025 (the "MSA").', "Amendment No. 1 to the Master Subscription Agreement")).toEqual([]);
    expect(definedShortNames('Bolt signed the Master Services Agreement (the "MSA").', "Master Services Agreement Amendment")).toEqual([]);
  });

  it("takes only codes of two to six capitals and digits with at least two letters", () => {
    expect(definedShortNames('This Policy ("P1") applies. This Data Policy ("DATAPOLICY") applies. This Use Policy ("Aup") applies.', "Policy")).toEqual([]);
  });
});
