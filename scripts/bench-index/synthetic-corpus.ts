// A deterministic generator of chunk-like texts for the index benchmark. Each chunk mixes one to three
// "topics" (each a Zipf law over its own few hundred words) with a corpus-wide Zipf background and
// English function words, so an embedder sees the sparse, skewed term counts of real documents.
// Topics are grouped into themes that share most of their words (as "card fees" and "wire fees" do):
// without that, 160 unrelated topics become 160 nearly orthogonal clusters, an unrealistically hard
// case in which HNSW's greedy search misses whole clusters.
import { seededRandom } from "../../src/math/seeded-random.js";

export interface CorpusShape {
  seed: number;
  inventedWords: number;
  themes: number;
  wordsPerTheme: number;
  topics: number;
  wordsPerTopic: number;
  /** Share of a topic's words taken from its theme; the rest come from the whole vocabulary. */
  themeShare: number;
  /** Probability that a chunk's minor topics come from its main topic's theme. */
  sameThemeMix: number;
}

export interface LengthRange {
  minWords: number;
  maxWords: number;
}

export const DEFAULT_SHAPE: CorpusShape = {
  seed: 20_240_601,
  inventedWords: 4_000,
  themes: 16,
  wordsPerTheme: 500,
  topics: 160,
  wordsPerTopic: 250,
  themeShare: 0.8,
  sameThemeMix: 0.7,
};
export const CHUNK_LENGTH: LengthRange = { minWords: 60, maxWords: 220 };

/** Where each word of a chunk comes from; the rest (44%) are topic words. */
export const WORD_MIX = {
  functionWords: 0.38,
  numbers: 0.03,
  /** Drawn from the whole vocabulary by a Zipf law with exponent `backgroundExponent`. */
  background: 0.15,
  backgroundExponent: 1.1,
  /** Exponent of each topic's Zipf law over its own words. */
  topicExponent: 1,
};

/** A topic of a chunk, and the cumulative probability up to it. */
interface TopicShare {
  topic: number;
  upTo: number;
}

// Stop words: the tokenizer drops them, but they set sentence lengths and the cost of tokenizing.
const FUNCTION_WORDS = (
  "the of and to in for is on that by with as at be this are or from an will your you it not may can if any all we " +
  "our has have which must after before each per within under than other such these those been was were when"
).split(" ");

const DOMAIN_WORDS = (
  "account balance deposit withdrawal transfer interest rate fee charge statement payment credit debit card loan " +
  "mortgage escrow overdraft limit daily monthly annual term maturity penalty dividend savings checking routing wire " +
  "fraud dispute claim refund return shipping order delivery warranty invoice tax contract clause party agreement " +
  "liability indemnity notice termination breach remedy jurisdiction arbitration consent privacy disclosure policy " +
  "customer member branch online mobile app password security verification identity signature endorsement check " +
  "cash advance purchase merchant reward points tier premium standard business personal joint beneficiary trust " +
  "estate retirement contribution distribution schedule period cycle grace minimum maximum approval application " +
  "document record report request support service hours holiday business-day effective amendment"
).split(" ");

const ONSETS = ["b", "br", "c", "ch", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l", "m", "n", "p", "pl", "qu", "r", "s", "sh", "st", "t", "tr", "v", "w", "z"];
const VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io"];
const CODAS = ["", "", "", "n", "r", "s", "l", "m", "t", "x", "nd", "st"];

/** Draws ranks 0..size-1 with probability proportional to 1 / (rank + 1)^exponent. */
class ZipfSampler {
  private readonly cumulative: Float64Array;

  constructor(size: number, exponent: number) {
    this.cumulative = new Float64Array(size);
    let total = 0;
    for (let rank = 0; rank < size; rank += 1) {
      total += 1 / (rank + 1) ** exponent;
      this.cumulative[rank] = total;
    }
    for (let rank = 0; rank < size; rank += 1) this.cumulative[rank]! /= total;
  }

  sample(random: () => number): number {
    const target = random();
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** Mixes a seed and an index into a well-spread 32-bit seed (murmur3's finaliser). */
function mixSeed(seed: number, index: number): number {
  let hash = Math.imul(seed ^ index, 0x9e3779b1) ^ (index >>> 16);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

function inventWords(count: number, random: () => number): string[] {
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  const words = new Set<string>();
  while (words.size < count) {
    const syllables = 2 + Math.floor(random() * 3);
    let word = "";
    for (let syllable = 0; syllable < syllables; syllable += 1) word += pick(ONSETS) + pick(VOWELS);
    words.add(word + pick(CODAS));
  }
  return [...words];
}

/** A shuffled copy (Fisher-Yates), so Zipf ranks land on unrelated words. */
function shuffled<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

function numberToken(random: () => number): string {
  const value = Math.floor(random() * 500);
  const form = random();
  if (form < 0.4) return `$${value}`;
  if (form < 0.7) return `${(value / 20).toFixed(2)}%`;
  return String(value);
}

/**
 * The synthetic corpus: `chunk(index)` is a pure function of the shape's seed and the index, so a
 * 100k corpus is exactly the first 100k chunks of the 1M one, and nothing needs to be kept in memory.
 */
export class SyntheticCorpus {
  private readonly vocabulary: string[];
  private readonly topicWords: string[][];
  private readonly topicSampler: ZipfSampler;
  private readonly backgroundSampler: ZipfSampler;
  private readonly functionSampler = new ZipfSampler(FUNCTION_WORDS.length, 1);

  constructor(readonly shape: CorpusShape = DEFAULT_SHAPE) {
    const random = seededRandom(shape.seed);
    this.vocabulary = shuffled([...inventWords(shape.inventedWords, random), ...DOMAIN_WORDS], random);
    const themeWords = Array.from({ length: shape.themes }, () => shuffled(this.vocabulary, random).slice(0, shape.wordsPerTheme));
    this.topicWords = Array.from({ length: shape.topics }, (_, topic) => this.topicVocabulary(themeWords[this.themeOf(topic)]!, random));
    this.topicSampler = new ZipfSampler(shape.wordsPerTopic, WORD_MIX.topicExponent);
    this.backgroundSampler = new ZipfSampler(this.vocabulary.length, WORD_MIX.backgroundExponent);
  }

  /** Topics are dealt to themes in order: topic t belongs to theme t mod themes. */
  private themeOf(topic: number): number {
    return topic % this.shape.themes;
  }

  /** A random topic of the same theme as `topic`. */
  private topicInThemeOf(topic: number, random: () => number): number {
    const theme = this.themeOf(topic);
    const members = Math.floor((this.shape.topics - 1 - theme) / this.shape.themes) + 1;
    return theme + this.shape.themes * Math.floor(random() * members);
  }

  /** A topic's words in Zipf rank order: mostly its theme's words, some from anywhere. */
  private topicVocabulary(themeWords: string[], random: () => number): string[] {
    const fromTheme = Math.round(this.shape.wordsPerTopic * this.shape.themeShare);
    const chosen = new Set(shuffled(themeWords, random).slice(0, fromTheme));
    while (chosen.size < this.shape.wordsPerTopic) chosen.add(this.vocabulary[Math.floor(random() * this.vocabulary.length)]!);
    return shuffled([...chosen], random);
  }

  /** Distinct content word forms (before stemming). */
  get vocabularySize(): number {
    return this.vocabulary.length;
  }

  /** The text of chunk `index`, between `length.minWords` and `length.maxWords` words long. */
  chunk(index: number, length: LengthRange = CHUNK_LENGTH): string {
    const random = seededRandom(mixSeed(this.shape.seed, index));
    const words = length.minWords + Math.floor(random() * (length.maxWords - length.minWords + 1));
    const topics = this.pickTopics(random);
    const sentences: string[] = [];
    let written = 0;
    while (written < words) {
      const sentenceLength = Math.min(words - written, 8 + Math.floor(random() * 15));
      sentences.push(this.sentence(sentenceLength, topics, random));
      written += sentenceLength;
    }
    return sentences.join(" ");
  }

  /** One main topic and up to two minor ones (usually from the same theme), as cumulative probabilities. */
  private pickTopics(random: () => number): TopicShare[] {
    const { topics, sameThemeMix } = this.shape;
    const main = Math.floor(random() * topics);
    const count = 1 + Math.floor(random() * 3);
    const shares = [0.7, 0.2, 0.1].slice(0, count);
    const total = shares.reduce((sum, share) => sum + share, 0);
    let cumulative = 0;
    return shares.map((share, position) => {
      cumulative += share / total;
      if (position === 0) return { topic: main, upTo: cumulative };
      const topic = random() < sameThemeMix ? this.topicInThemeOf(main, random) : Math.floor(random() * topics);
      return { topic, upTo: cumulative };
    });
  }

  private sentence(length: number, topics: TopicShare[], random: () => number): string {
    const words: string[] = [];
    for (let position = 0; position < length; position += 1) words.push(this.word(topics, random));
    const first = words[0]!;
    words[0] = first.charAt(0).toUpperCase() + first.slice(1);
    return `${words.join(" ")}.`;
  }

  private word(topics: TopicShare[], random: () => number): string {
    const kind = random();
    if (kind < WORD_MIX.functionWords) return FUNCTION_WORDS[this.functionSampler.sample(random)]!;
    if (kind < WORD_MIX.functionWords + WORD_MIX.numbers) return numberToken(random);
    if (kind < WORD_MIX.functionWords + WORD_MIX.numbers + WORD_MIX.background) return this.vocabulary[this.backgroundSampler.sample(random)]!;
    const roll = random();
    const chosen = topics.find((entry) => roll <= entry.upTo) ?? topics[topics.length - 1]!;
    return this.topicWords[chosen.topic]![this.topicSampler.sample(random)]!;
  }
}
