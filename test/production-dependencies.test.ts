// `npm ci --omit=dev && npm run serve` must work: everything the app imports at run time, and the
// runner of its npm scripts, has to be a dependency, not a devDependency.
import { readFileSync } from "node:fs";
import { glob } from "tinyglobby";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const PackageJson = z.object({
  scripts: z.record(z.string(), z.string()),
  dependencies: z.record(z.string(), z.string()),
});
const packageJson = PackageJson.parse(JSON.parse(readFileSync("package.json", "utf8")));

/** "@scope/name/sub" -> "@scope/name", "name/sub" -> "name". */
const packageName = (specifier: string): string => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");

async function runtimeImports(): Promise<Map<string, string>> {
  const files = await glob(["src/**/*.ts"], { ignore: ["**/*.test.ts", "**/testing/**"] });
  const imports = new Map<string, string>();
  for (const file of files) {
    const source = readFileSync(file, "utf8");
    for (const match of source.matchAll(/(?:from\s+|import\()\s*"([^".][^"]*)"/g)) {
      const specifier = match[1] ?? "";
      if (!specifier.startsWith("node:")) imports.set(packageName(specifier), file);
    }
  }
  return imports;
}

describe("production install (npm ci --omit=dev)", () => {
  it("every package the app imports outside tests is a dependency", async () => {
    const imports = await runtimeImports();
    expect(imports.size).toBeGreaterThan(10);
    const missing = [...imports].filter(([name]) => !(name in packageJson.dependencies)).map(([name, file]) => `${name} (${file})`);
    expect(missing).toEqual([]);
  });

  it("the runner of start, serve, ingest, ask and eval is a dependency", () => {
    for (const script of ["start", "serve", "ingest", "ask", "eval"]) {
      const runner = packageJson.scripts[script]?.split(" ")[0] ?? "";
      expect(`${script}: ${runner}`).toBe(`${script}: tsx`);
    }
    expect(packageJson.dependencies).toHaveProperty("tsx");
    // The UI is bundled in memory at start (src/server/ui-assets.ts).
    expect(packageJson.dependencies).toHaveProperty("esbuild");
  });
});
