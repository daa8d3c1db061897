import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The web UI's source folder (plain TypeScript, HTML and CSS). */
export const UI_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../ui");

export interface UiAsset {
  body: string;
  contentType: string;
  etag: string;
}

export interface UiBundle {
  "index.html": UiAsset;
  "app.js": UiAsset;
  "app.css": UiAsset;
}

const asset = (body: string, contentType: string): UiAsset => ({
  body,
  contentType,
  etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`,
});

/**
 * Bundles src/ui with esbuild in memory: nothing generated on disk, never stale, no CDN.
 * esbuild is a runtime dependency (tsx, which runs the CLI, depends on it anyway), so this works after `npm ci --omit=dev`.
 */
export async function bundleUi(directory: string = UI_DIR): Promise<UiBundle> {
  const esbuild = await import("esbuild").catch((error: unknown) => {
    throw new Error("The web UI is bundled at start by esbuild, a dependency (tsx runs on it too): run `npm ci` to install it.", { cause: error });
  });
  const result = await esbuild.build({
    entryPoints: [path.join(directory, "main.ts"), path.join(directory, "styles.css")],
    bundle: true,
    write: false,
    minify: true,
    format: "esm",
    target: ["es2022", "chrome110", "firefox115", "safari16"],
    outdir: "out",
    entryNames: "[name]",
    logLevel: "silent",
  });
  const output = (name: string): string => {
    const file = result.outputFiles.find((candidate) => path.basename(candidate.path) === name);
    if (!file) throw new Error(`esbuild produced no ${name}`);
    return file.text;
  };
  const html = await readFile(path.join(directory, "index.html"), "utf8");
  return {
    "index.html": asset(html, "text/html; charset=utf-8"),
    "app.js": asset(output("main.js"), "text/javascript; charset=utf-8"),
    "app.css": asset(output("styles.css"), "text/css; charset=utf-8"),
  };
}

/** Bundles once, on first use (or at start, to fail early). */
export function createUiAssets(directory: string = UI_DIR): { load(): Promise<UiBundle> } {
  let bundle: Promise<UiBundle> | undefined;
  return {
    load() {
      bundle ??= bundleUi(directory).catch((error: unknown) => {
        bundle = undefined;
        throw error;
      });
      return bundle;
    },
  };
}
