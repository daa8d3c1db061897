import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The layers of src/, top to bottom: a file may import from its own folder and from folders of a
// lower layer, never upwards or sideways. The web UI is the HTTP API's client (it reads the response
// types); `context.ts` assembles the service for server, cli and eval.
const LAYERS: string[][] = [
  ["ui"],
  ["cli"],
  ["server", "eval"],
  ["context.ts"],
  ["answer"],
  ["retrieval"],
  ["index"],
  ["embeddings", "chunking"],
  ["corpus"],
  ["text", "config", "math", "workers", "progress.ts", "types", "errors.ts"],
];
const BOTTOM = LAYERS.length - 1;

function files(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const full = path.join(directory, entry);
    if (statSync(full).isDirectory()) return files(full);
    return entry.endsWith(".ts") && !entry.endsWith(".test.ts") && !full.includes(`${path.sep}testing${path.sep}`) ? [full] : [];
  });
}

const SRC = path.resolve("src");
const sources = files(SRC);
const unit = (file: string): string => path.relative(SRC, file).split(path.sep)[0]!;
const layerOf = (file: string): number => LAYERS.findIndex((layer) => layer.includes(unit(file)));

/** Relative imports of a file (static `import ... from` and `export ... from`), resolved to .ts paths. */
function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+"(\.[^"]+)"/gms)].map((match) =>
    path.resolve(path.dirname(file), match[1]!.replace(/\.js$/, ".ts")),
  );
}

describe("architecture", () => {
  it("puts every file of src/ in a layer", () => {
    expect(sources.filter((file) => layerOf(file) < 0).map((file) => path.relative(SRC, file))).toEqual([]);
  });

  it("imports only downwards: own folder, or a folder of a lower layer", () => {
    const violations: string[] = [];
    for (const file of sources) {
      for (const target of imports(file)) {
        if (unit(target) === unit(file)) continue;
        const from = layerOf(file);
        const to = layerOf(target);
        if (to > from || (from === BOTTOM && to === BOTTOM)) continue;
        violations.push(`${path.relative(SRC, file)} -> ${path.relative(SRC, target)}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it("has no import cycles between files", () => {
    const graph = new Map(sources.map((file) => [file, imports(file)]));
    const state = new Map<string, "visiting" | "done">();
    const cycles: string[] = [];
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "visiting") {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map((entry) => path.relative(SRC, entry)).join(" -> "));
        return;
      }
      state.set(file, "visiting");
      for (const target of graph.get(file) ?? []) visit(target, [...trail, file]);
      state.set(file, "done");
    };
    for (const file of sources) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it("reads no private field of a library", () => {
    const offenders = sources.filter((file) => /\.\s*_docs\b/.test(readFileSync(file, "utf8")));
    expect(offenders.map((file) => path.relative(SRC, file))).toEqual([]);
  });
});
