import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import type { RagContext } from "../context.js";
import { ServiceState } from "./service-state.js";

/** A stand-in context: the state only passes contexts around. */
const fakeContext = (buildId: string) => ({ manifest: { buildId } }) as unknown as RagContext;
const buildOf = (context: RagContext) => context.manifest.buildId;

describe("ServiceState.switchTo", () => {
  it("gives new requests the new context while a running request keeps the one it started on", async () => {
    const state = new ServiceState(fakeContext("old"));
    const running = new EventEmitter();
    let seenLater: string | undefined;
    let release!: () => void;
    const pinned = new Promise<void>((resolve) => (release = resolve));
    state.pin(running, () => {
      void pinned.then(() => (seenLater = buildOf(state.require())));
    });

    let drained = false;
    const replaced = state.switchTo(fakeContext("new")).then((context) => {
      drained = true;
      return context;
    });
    expect(buildOf(state.require())).toBe("new");
    state.pin(new EventEmitter(), () => expect(buildOf(state.require())).toBe("new"));

    release();
    await pinned;
    await Promise.resolve();
    expect(seenLater).toBe("old");
    expect(drained).toBe(false);
    running.emit("close");
    expect(buildOf((await replaced)!)).toBe("old");
    expect(drained).toBe(true);
  });

  it("hands back the replaced context at once when no request runs on it", async () => {
    const state = new ServiceState(fakeContext("old"));
    const finished = new EventEmitter();
    state.pin(finished, () => undefined);
    finished.emit("close");
    expect(buildOf((await state.switchTo(fakeContext("new")))!)).toBe("old");
    expect(state.current && buildOf(state.current)).toBe("new");
  });
});
