import path from "node:path";
import type { Command } from "commander";
import { loadConfig } from "../../config/config.js";
import { ingest } from "../../context.js";
import { formatMs, overridesFrom, positiveInteger } from "../options.js";
import { createStageProgress, INGEST_UNITS } from "../progress.js";

/** `ingest`: (re)build the index of a corpus and print what was done. */
export function registerIngest(program: Command): void {
  program
    .command("ingest")
    .description("(Re)build the index of a corpus and print what was done")
    .option("-c, --corpus <name|path>", "shipped corpus name or path to a folder with corpus.json (default: CORPUS or finance)")
    .option("--data-dir <dir>", "where indexes are written (default: DATA_DIR or ./data)")
    .option("--full", "rebuild everything and refit the local embedder instead of re-embedding only what changed")
    .option("--lock-wait <seconds>", "how long to wait for another ingest of the same corpus to finish", positiveInteger, 300)
    .action(async (options: { corpus?: string; dataDir?: string; full?: boolean; lockWait: number }) => {
      const config = loadConfig(process.env, overridesFrom(options));
      console.log(`Ingesting corpus "${config.corpus}"...`);
      const progress = createStageProgress(INGEST_UNITS);
      const result = await ingest(config, {
        full: options.full,
        lockWaitMs: options.lockWait * 1000,
        onStage: (stage, detail) => {
          progress.stop();
          console.log(`  ${stage}: ${detail}`);
        },
        onProgress: progress.update,
      });
      progress.stop();
      const build = result.manifest.build;
      const d = build.documents;
      console.log(
        `  ${build.mode} build: ${d.added} documents added, ${d.changed} changed, ${d.removed} removed, ${d.unchanged} unchanged; ` +
          `${build.chunks.embedded} chunks embedded, ${build.chunks.reused} reused; embedder model ${build.model}.`,
      );
      const { manifest } = result;
      const t = manifest.timingsMs;
      const byType = new Map<string, { documents: number; chunks: number }>();
      for (const document of manifest.documents) {
        const type = path.extname(document.sourcePath).slice(1).toLowerCase() || "none";
        const entry = byType.get(type) ?? { documents: 0, chunks: 0 };
        entry.documents += 1;
        entry.chunks += document.chunks;
        byType.set(type, entry);
      }
      const indexBytes = result.sizeBytes;
      console.log(
        [
          "",
          "type      documents  chunks",
          ...[...byType.entries()].sort().map(([type, entry]) => `${type.padEnd(9)} ${String(entry.documents).padStart(9)}  ${String(entry.chunks).padStart(6)}`),
          `${"total".padEnd(9)} ${String(manifest.counts.documents).padStart(9)}  ${String(manifest.counts.chunks).padStart(6)}`,
          "",
          `Skipped: ${manifest.counts.skipped}${manifest.skipped.length ? "" : " (none)"}`,
          ...manifest.skipped.map((skip) => `  ${skip.path}: ${skip.reason}`),
          `Embedder: ${manifest.embedder.id}, ${manifest.embedder.dimensions} dimensions.`,
          `Time: ${formatMs(t.total)} (load ${formatMs(t.load)}, chunk ${formatMs(t.chunk)}, fit ${formatMs(t.fit)}, embed ${formatMs(t.embed)}, index ${formatMs(t.index)}, save ${formatMs(t.save)}).`,
          `Index: ${result.directory} (${(indexBytes / 1024 / 1024).toFixed(1)} MiB)`,
        ].join("\n"),
      );
    });
}
