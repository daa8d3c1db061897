/** Base class for errors the project raises on purpose: each carries a stable code and a message that says what to do. */
export class AppError extends Error {
  readonly code: string;
  readonly details?: unknown;

  constructor(code: string, message: string, options: { cause?: unknown; details?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options.details;
  }
}

/** Invalid environment variable, CLI flag or manifest setting. */
export class ConfigError extends AppError {
  constructor(message: string, details?: unknown) {
    super("invalid_config", message, { details });
  }
}

/** The corpus folder or one of its files cannot be read or is invalid. */
export class CorpusError extends AppError {
  constructor(message: string, options: { cause?: unknown; details?: unknown } = {}) {
    super("corpus_error", message, options);
  }
}

/** No index has been built for the corpus yet. */
export class IndexNotFoundError extends AppError {
  constructor(message: string) {
    super("index_not_found", message);
  }
}

/** The index on disk was built from other settings or another version of the corpus. */
export class IndexStaleError extends AppError {
  readonly reasons: string[];
  constructor(message: string, reasons: string[]) {
    super("index_stale", message, { details: { reasons } });
    this.reasons = reasons;
  }
}

/** A file of the index on disk is missing, truncated or not what the manifest recorded. */
export class IndexCorruptError extends AppError {
  /** The damaged file (or folder, or link). */
  readonly file: string;
  /** What is wrong with it, without the fix: "is 12 bytes, the manifest says 4096". */
  readonly problem: string;
  constructor(message: string, options: { file: string; problem: string; cause?: unknown }) {
    super("index_corrupt", message, { cause: options.cause, details: { file: options.file, problem: options.problem } });
    this.file = options.file;
    this.problem = options.problem;
  }
}

/** Another ingest of the same corpus holds the index lock and did not finish in time. */
export class IndexLockedError extends AppError {
  constructor(message: string, details: unknown) {
    super("index_locked", message, { details });
  }
}

/** The configured LLM or embedding endpoint failed. */
export class UpstreamError extends AppError {
  readonly status?: number;
  constructor(message: string, options: { cause?: unknown; status?: number } = {}) {
    super("upstream_error", message, { cause: options.cause });
    this.status = options.status;
  }
}

/** The HTTP status an upstream client's error carries (OpenAI SDK, LangChain providers), if any. */
export function upstreamStatusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | undefined)?.status;
  return typeof status === "number" ? status : undefined;
}

/** The configured LLM or embedding endpoint did not answer in time. */
export class UpstreamTimeoutError extends AppError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super("upstream_timeout", message, options);
  }
}

/** The PostgreSQL index database cannot be reached, or lacks what the index needs (the pgvector extension). */
export class IndexDatabaseError extends AppError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super("index_database_error", message, options);
  }
}
