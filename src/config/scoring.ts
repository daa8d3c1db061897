/**
 * The logistic map from support signals to the support score: support = 1 / (1 + e^-(intercept +
 * lexical x lexical support + unfamiliar x [the question names known words never used together] +
 * valueGap x [share of the question's terms missing beside the asked kind of value] + shortPassage x
 * [how far the best passage falls short of holding passageFloor of the question])).
 * `npm run calibrate` fits it per corpus (stored in corpus.json beside the threshold).
 */
export interface SupportModel {
  intercept: number;
  lexical: number;
  unfamiliar: number;
  /** Weight of `valueGap` (the asked kind of value not stated beside the question's terms); absent: 0, a corpus model fitted before the signal existed. */
  valueGap?: number;
  /** Weight of `shortPassage(passage)`: how far the best passage (one sentence, list item or table row of the top chunks) falls short of holding `support.passageFloor` of the question; absent: 0, a corpus model fitted before the signal existed. */
  shortPassage?: number;
}

/**
 * Every weight and cut-off of the scoring heuristics, in one typed object, each with what it does.
 * Passed down from the config (`config.scoring`), never imported as a constant, so the eval's
 * ablation and tuning can change them per run.
 */
export interface ScoringSettings {
  sparse: {
    /** BM25 boost of a match in the heading path over one in the chunk text. */
    headingBoost: number;
    /** BM25 score per matched question term at which lexical support is 0.5 (support = x / (x + this)). */
    lexicalHalfSupport: number;
  };
  retrieval: {
    /** Candidates per side are at least this many times topK (and at least RETRIEVAL_CANDIDATES). */
    poolPerTopK: number;
    /** ...and at least this share of the corpus's chunks (the reranker's reach grows with the corpus)... */
    poolShare: number;
    /** ...but never more than this many for that share (a corpus of 30,000 chunks does not rerank 1,500). */
    maxSharePool: number;
    /** A candidate document that is another variant of the one asked about ("Trek 4 Pro" beside "Trek 4" for "the Trek 4": `otherVariants`) keeps this share of its score (1 = off). */
    otherVariant: number;
  };
  rerank: {
    /** Weight of the idf-weighted share of question terms found in the chunk (text or heading). */
    coverage: number;
    /** Weight of the idf-weighted share of question terms found in the heading path. */
    headingCoverage: number;
    /** Bonus per adjacent question-term pair found in the chunk... */
    phrase: number;
    /** ...counted up to this many pairs. */
    maxPhrases: number;
    /** Weight of the share of the question's numbers found in the chunk. */
    numbers: number;
    /** A chunk that is mostly table rows loses this for a question asking why, what caused, what X means, includes or is made of, or how X is calculated (prose explains; a table of figures does not). */
    tableForExplanation: number;
    /** A chunk that states a cause ("due to", "driven by", "as a result of", "because"...) gains this for a question asking why, what caused, drove or led to something. */
    statedReason: number;
    /** A chunk stating the kind of value the question's form asks for ("how long": a duration; "what percentage": a percentage; "how much": money) gains this. */
    valueFit: number;
    /** Weight of proximity: the largest idf-weighted share of the question's terms (document names and years left out) that stand together, at least two of them, within... */
    proximity: number;
    /** ...this many consecutive content terms of the chunk. */
    proximityWindow: number;
  };
  documentFirst: {
    /** Within one document, its chunks are ordered by this weight times their body evidence (the idf-weighted share of the question's non-name terms in the chunk's own words) plus their score relative to the best candidate. */
    bodyWeight: number;
    /** A document's lead chunk (the text before its first heading) loses this from that key when a chunk of the same document under a heading covers at least as much of the question... */
    leadPenalty: number;
    /** ...and at least this share of it (the question's weighted non-name terms). */
    leadMinEvidence: number;
  };
  expansion: {
    /** Synonyms are taken from this many of a word's WordNet senses per part of speech (most frequent first)... */
    synonymSenses: number;
    /** ...and at most this many per question. */
    maxSynonyms: number;
    /** RRF weight of the search for the synonyms (the question's own words weigh 1). */
    synonymWeight: number;
    /** Feedback words come from this many top chunks of the first search... */
    feedbackChunks: number;
    /** ...at most this many of them... */
    feedbackTerms: number;
    /** ...and their search has this RRF weight. */
    feedbackWeight: number;
  };
  support: {
    /** Lexical support is 1 when one of this many top chunks (of the documents the question names, if any) holds every content term of the question. */
    fullCoverageDepth: number;
    /** A question telling the asker's story first is fully covered by a chunk holding every term of the part that asks and at least this share of the story's terms. */
    storyShare: number;
    /** The passage signal reads the sentences, list items and table rows of this many top chunks (what the answerer reads). */
    passageDepth: number;
    /** A question term only in a passage's headings counts this share of its weight there. */
    passageHeadingShare: number;
    /** A best passage holding less than this share of the question weighs against answering, the more the less it holds (`shortPassage`); above it the share says nothing (near misses hold as much as answers). */
    passageFloor: number;
    /** The map from signals to the support score, unless the corpus has its own (corpus.json "answer.supportModel"). */
    model: SupportModel;
  };
  passages: {
    /** A passage's coverage blends its own coverage (this weight)... */
    ownCoverage: number;
    /** ...with its chunk's coverage (this weight). */
    chunkCoverage: number;
    /** A question term found only in the passage's heading path counts this much. */
    headingTerm: number;
    /** Bonus per adjacent question-term pair in the passage... */
    phrase: number;
    /** ...counted up to this many pairs. */
    maxPhrases: number;
    /** Weight of the retrieval score of the passage's chunk. */
    chunkScore: number;
    /** Bonus of the top-ranked chunk's passages, divided by the chunk's rank. */
    rankBonus: number;
    /** Bonus of a passage stating a value of the kind the question asks for (an amount, a rate, a duration...)... */
    typeFit: number;
    /** ...and the loss of one that states none, when some passage does. */
    typeMiss: number;
    /** A question for what is needed ("what paperwork do I need?") gains this on a passage whose section heading or table column names what is needed ("Documents We Need") or that states a need ("we need a signed affidavit"). */
    requirementFit: number;
    /** A question for a procedure ("how do I ...") gains this on a passage whose section heading names a procedure ("How to Tell Us Your Choice", "Step 2: Choose Your Vehicle", "Claims Procedure"). */
    procedureHeading: number;
    /** A record field whose name is a word of the question (or a longer form of one: "weight" for "weigh") gains this: it is the attribute asked for. */
    fieldName: number;
    /** ...when the record's name (its heading) holds at least this share of the question's weighted terms. */
    namedRecord: number;
    /** A table row whose first cell covers the question's number ("13 to 36 months" for "24-month") gains this; one that names other numbers loses it. */
    rowKeyFit: number;
    /** A sentence that opens with the question's words (its subject: "Restructuring expenses consist of ...") gains this times the weighted share of the question it opens with, for a question that asks for no value. */
    leadingSubject: number;
    /** ...and this times that share for a question that asks for a value: of two sentences stating a value of the asked kind, the one about the question's subject wins a near tie. */
    leadingValueSubject: number;
    /** For a comparison, a sentence from another chunk is the other side when it covers at least this share of what the first side covers... */
    sideCoverage: number;
    /** ...or this share, for a question that names two sides ("X compared with Y") answered with one value: the other side's words are not the first side's. */
    loneSideCoverage: number;
    /** A passage of the section a question names by number ("section 6 of the SLA": the chunk under "6. Chronic Failure") gains this: a passing mention of that section elsewhere is not what it says. */
    namedSection: number;
    /** Most supporting quotes after the direct answer. */
    maxSupports: number;
    /** A supporting quote from another chunk must cover at least this share of the question's weighted terms the answer has not covered yet. */
    minNewCoverage: number;
    /** A passage with fewer terms that are not in the question than this tells little... */
    minNovelTerms: number;
    /** ...and loses this much. */
    fewNovelPenalty: number;
    /** A sentence about the text rather than its subject ("This guide explains ...") loses this much. */
    aboutTheText: number;
    /** A passage of a worked example (a section headed "Example ...") that holds none of the question's numbers loses this much: it tells of its own case, not the asker's. */
    otherExample: number;
    /** A supporting quote from another chunk must score at least this share of the best passage... */
    keepWithin: number;
    /** ...and one from a chunk already cited at least this share. */
    keepSameSource: number;
    /** A passage from another chunk scoring at least this share of the best one is a near tie: it is quoted too. */
    nearTie: number;
    /** A passage whose terms overlap a quoted one by more than this (Jaccard) is not quoted again. */
    maxOverlap: number;
    /** A question that asks several things is answered part by part: each part's own words weigh this many times more than the words it shares with the rest of the question (its subject). */
    partTermWeight: number;
    /** Longest snippet shown for a citation, in characters. */
    snippetChars: number;
    /** Chunks whose passages are kept split (least recently used dropped past it): a chunk's passages take about ten times its text, so this bounds what the questions asked add to serving memory. Answers do not depend on it. */
    cacheChunks: number;
  };
  typos: {
    /** Words shorter than this are never corrected, but by a dropped letter (`droppedLetterFrom`). */
    minLength: number;
    /** Lower-case words from this long and shorter than `minLength` the corpus never uses are read as the corpus word they are with one letter dropped, when the corpus writes it next to a neighbouring question word ("overdraft fe" -> "fee"); `minLength` turns this off. */
    droppedLetterFrom: number;
    /** Words this long or longer may be two edits from a corpus word; shorter ones one edit. */
    twoEditsFrom: number;
    /** Words this long or longer may have two letters wrong in place ("lisence") when the corpus writes the correction next to a neighbouring question word. */
    contextTwoEditsFrom: number;
    /** Most words per question looked up in the vocabulary (a bounded cost per question). */
    maxScans: number;
    /** Leave words WordNet lists (ordinary English the corpus happens not to use, "gone", "logs") uncorrected. */
    keepEnglishWords: boolean;
    /** Correct a word that no corpus word is near enough to the English word it is with two adjacent letters swapped back ("wiegh" -> "weigh", where the corpus writes "weighs" and "weight"). */
    swapToEnglish: boolean;
    /** Words shorter than this are corrected only to a word with the same first letter ("went" is not "sent"). */
    sameFirstLetterBelow: number;
    /** Words shorter than this are corrected by one replaced letter only to a word the corpus uses near the question's other words ("went" stays, the corpus never writing "want" near them). */
    substitutionContextBelow: number;
  };
  /** Clipped question words ("info", "auto-renew", "stats") the corpus never uses, read as the corpus word they start (src/retrieval/clipped-words.ts). */
  clipped: {
    enabled: boolean;
    /** The kept part of the word (its stem when it starts the word: "docs" -> "doc") has at least this many letters. */
    minLength: number;
    /** A completion is at least this many letters longer than the kept part ("info" is not a clipped "infos"). */
    minAdded: number;
    /** The completion's stem holds at least this share of the occurrences of all corpus words starting with the kept part. */
    dominantShare: number;
    /** ... and occurs at least this often. */
    minFrequency: number;
    /** Words this long that WordNet does not list need a question word the corpus uses the completion near; shorter and English ones one it writes next to it (or near it, in a hyphenated compound). */
    nearFrom: number;
  };
  entities: {
    /** A one-word name shared by more documents than this share (and more than `minDocuments`) identifies nothing. */
    maxSharedShare: number;
    minDocuments: number;
  };
  hnsw: {
    /**
     * M and efConstruction by corpus size, where HNSW_M / HNSW_EF_CONSTRUCTION are not set: the last tier
     * whose `fromChunks` the corpus reaches (ascending). efSearch is tuned at build time on top of these.
     */
    bySize: Array<{ fromChunks: number; m: number; efConstruction: number }>;
  };
}

export const DEFAULT_SCORING: ScoringSettings = {
  sparse: { headingBoost: 1.5, lexicalHalfSupport: 30 },
  // 5% of TAT-QA's 3,227 chunks is 162 candidates (hit@5 0.917 -> 0.926 with the reason stage); the shipped corpora (300-860 chunks) keep 50.
  retrieval: { poolPerTopK: 3, poolShare: 0.05, maxSharePool: 200, otherVariant: 0.85 },
  rerank: { coverage: 0.5, headingCoverage: 0.25, phrase: 0.05, maxPhrases: 4, numbers: 0.15, tableForExplanation: 0.2, statedReason: 0.1, valueFit: 0.03, proximity: 0.1, proximityWindow: 5 },
  // The lead penalty: finance hit@5 0.823 -> 0.831, ecommerce 0.870 -> 0.884, legal and TAT-QA unchanged (0.1 moves nothing; 0.5 and no evidence floor cost ecommerce).
  documentFirst: { bodyWeight: 0.5, leadPenalty: 0.2, leadMinEvidence: 0.3 },
  expansion: { synonymSenses: 2, maxSynonyms: 8, synonymWeight: 0.5, feedbackChunks: 3, feedbackTerms: 8, feedbackWeight: 0.5 },
  // Fitted on the three shipped eval sets pooled (answerable vs unanswerable, names check passed); each corpus refits it with `npm run calibrate`.
  support: { fullCoverageDepth: 3, storyShare: 0.5, passageDepth: 6, passageHeadingShare: 0.5, passageFloor: 0.2, model: { intercept: -3.001, lexical: 5.934, unfamiliar: -1.912, valueGap: 0, shortPassage: -3.043 } },
  passages: {
    ownCoverage: 0.6,
    chunkCoverage: 0.4,
    headingTerm: 0.5,
    phrase: 0.05,
    maxPhrases: 3,
    chunkScore: 0.2,
    rankBonus: 0.05,
    typeFit: 0.15,
    typeMiss: 0.1,
    requirementFit: 0.15,
    procedureHeading: 0.15,
    rowKeyFit: 0.2,
    fieldName: 0.3,
    leadingSubject: 0.15,
    leadingValueSubject: 0.075,
    namedSection: 0.3,
    sideCoverage: 0.8,
    loneSideCoverage: 0.6,
    namedRecord: 0.4,
    maxSupports: 2,
    minNewCoverage: 0.2,
    minNovelTerms: 3,
    fewNovelPenalty: 0.1,
    aboutTheText: 0.3,
    otherExample: 0.1,
    keepWithin: 0.8,
    keepSameSource: 0.5,
    nearTie: 0.95,
    maxOverlap: 0.7,
    partTermWeight: 2,
    snippetChars: 300,
    cacheChunks: 2_000,
  },
  typos: { minLength: 4, droppedLetterFrom: 2, twoEditsFrom: 8, contextTwoEditsFrom: 7, maxScans: 12, keepEnglishWords: true, swapToEnglish: true, sameFirstLetterBelow: 6, substitutionContextBelow: 5 },
  clipped: { enabled: true, minLength: 3, minAdded: 3, dominantShare: 0.6, minFrequency: 3, nearFrom: 5 },
  entities: { maxSharedShare: 0.1, minDocuments: 2 },
  // M=16 keeps recall@10 0.969 at 100k chunks with efSearch 100, but falls to 0.866 at 1M (0.930 at efSearch 400);
  // at 100k, M=32 gives 0.981 for the same build time (docs/BENCHMARKS-INDEX.md): larger corpora get the denser graph.
  hnsw: { bySize: [{ fromChunks: 0, m: 16, efConstruction: 200 }, { fromChunks: 250_000, m: 32, efConstruction: 200 }] },
};
