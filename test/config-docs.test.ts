import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type ConfigKey, configEnvNames, loadConfig } from "../src/config/config.js";

/** Names read from the environment besides the config keys (aliases). */
const ALIASES = new Set(["PG_CONNECTION_STRING"]);

/** The configuration table: the Markdown table whose header is `| variable | default | meaning |`, in README.md or docs/. */
function configurationRows(): Array<{ names: string[]; defaults: string[] }> {
  const files = ["README.md", ...readdirSync("docs").filter((file) => file.endsWith(".md")).map((file) => `docs/${file}`)];
  for (const file of files) {
    const lines = readFileSync(file, "utf8").split("\n");
    const start = lines.findIndex((line) => /^\|\s*variable\s*\|\s*default\s*\|\s*meaning\s*\|$/.test(line.trim()));
    if (start < 0) continue;
    const rows: Array<{ names: string[]; defaults: string[] }> = [];
    for (const line of lines.slice(start + 2)) {
      if (!line.startsWith("|")) break;
      const [variables = "", defaults = ""] = line.split("|").slice(1).map((cell) => cell.trim());
      rows.push({ names: [...variables.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1]!), defaults: defaults.split(" / ").map((cell) => cell.trim()) });
    }
    return rows;
  }
  throw new Error("no configuration table (| variable | default | meaning |) in README.md or docs/");
}

const defaults = loadConfig({}) as unknown as Record<string, unknown>;
const defaultOf = (key: ConfigKey): unknown => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], defaults);

describe("the configuration table in the docs", () => {
  const rows = configurationRows();
  const documented = rows.flatMap((row) => row.names);

  it("documents every environment variable the config reads", () => {
    const missing = Object.values(configEnvNames).filter((name) => !documented.includes(name));
    expect(missing).toEqual([]);
  });

  it("documents no variable the config does not read", () => {
    const known = new Set([...Object.values(configEnvNames), ...ALIASES]);
    expect(documented.filter((name) => !known.has(name))).toEqual([]);
  });

  it("states the schema's default wherever it gives a literal one", () => {
    const byName = new Map(Object.entries(configEnvNames).map(([key, name]) => [name, key as ConfigKey]));
    const wrong: string[] = [];
    for (const row of rows) {
      row.names.forEach((name, index) => {
        const cell = row.names.length === row.defaults.length ? row.defaults[index]! : row.defaults.length === 1 && row.names.length === 1 ? row.defaults[0]! : undefined;
        const literal = cell && /^`[^`]*`$/.test(cell) ? cell.slice(1, -1) : undefined;
        const key = byName.get(name);
        if (literal === undefined || key === undefined || /^[A-Z_]+$/.test(literal)) return;
        const value = defaultOf(key);
        // Folders are resolved against the working directory.
        const matches = String(value) === literal || String(value) === path.resolve(literal);
        if (["string", "number", "boolean"].includes(typeof value) && !matches) wrong.push(`${name}: docs say ${literal}, schema says ${String(value)}`);
      });
    }
    expect(wrong).toEqual([]);
  });
});
