import { describe, expect, it } from "vitest";
import { EventStreamParser } from "./event-stream-parser.js";

describe("EventStreamParser", () => {
  it("parses named events whose text arrives in arbitrary pieces", () => {
    const parser = new EventStreamParser();
    const stream = 'event: sources\ndata: {"citations":[]}\n\n: keep-alive\n\nevent: token\ndata: {"text":"Hi"}\n\nevent: done\ndata: {}\n\n';
    const events = [];
    for (let index = 0; index < stream.length; index += 5) events.push(...parser.push(stream.slice(index, index + 5)));
    expect(events).toEqual([
      { event: "sources", data: '{"citations":[]}' },
      { event: "token", data: '{"text":"Hi"}' },
      { event: "done", data: "{}" },
    ]);
  });

  it("joins multi-line data, accepts CRLF, defaults the name to message", () => {
    expect(new EventStreamParser().push("data: a\r\ndata: b\r\n\r\n")).toEqual([{ event: "message", data: "a\nb" }]);
  });

  it("keeps an incomplete event until its blank line arrives", () => {
    const parser = new EventStreamParser();
    expect(parser.push("event: token\ndata: x")).toEqual([]);
    expect(parser.push("\n\n")).toEqual([{ event: "token", data: "x" }]);
  });
});
