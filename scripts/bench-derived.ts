// The derived stage alone (a benchmark, not a test): `retrievalFiles` on the first N chunks of the bench's synthetic generator, timed
// (wall and CPU seconds of all threads) with the peak RSS and a hash of each file it writes, so that two commits can be compared
// for speed and for byte-identical output. Usage: npx tsx scripts/bench-derived.ts [N=10000] [workers=1] [folder to write the files to]
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { SyntheticCorpus } from "./bench-index/synthetic-corpus.js";
import { seededRandom } from "../src/math/seeded-random.js";
import type { Chunk } from "../src/chunking/types.js";
import { retrievalFiles } from "../src/retrieval/stored-retrieval-data.js";

const n = Number(process.argv[2] ?? 10000);
const workers = Number(process.argv[3] ?? 1);
const out = process.argv[4];
const corpus = new SyntheticCorpus();
const random = seededRandom(7_919);
const heading = (text: string) => text.split(/[^A-Za-z]+/).filter((w) => w.length >= 6).slice(0, 2).map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase()).join(" ") || "Section";
const chunks: Chunk[] = [];
let doc = 0;
while (chunks.length < n) {
  const count = Math.min(n - chunks.length, 1 + Math.floor(random() * random() * 12));
  const docId = `doc-${String(doc).padStart(7, "0")}`;
  const title = `${heading(corpus.chunk(chunks.length))} ${doc}`;
  for (let s = 0; s < count; s += 1) {
    const text = corpus.chunk(chunks.length);
    const section = `${heading(text)} ${s + 1}`;
    chunks.push({ id: `${docId}#${s}`, docId, ordinal: s, title, section, headingPath: [title, section], text, metadata: { docId, title, section } });
  }
  doc += 1;
}
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const files = await retrievalFiles(chunks, { workers });
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const rss = readFileSync("/proc/self/status", "utf8").match(/VmHWM:\s+(\d+)/)![1];
for (const file of files) console.log(file.name, file.data.length, createHash("sha256").update(file.data).digest("hex").slice(0, 16));
if (out) { mkdirSync(out, { recursive: true }); for (const f of files) writeFileSync(`${out}/${f.name}`, f.data); }
console.log(`n=${n} workers=${workers} derived ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU (all threads); peak RSS (whole process) ${(Number(rss) / 1024).toFixed(0)} MiB`);
