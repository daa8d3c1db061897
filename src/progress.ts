/**
 * Progress of a long step, reported as it goes: `done` of `total` units in a named stage ("load" files,
 * "fit: vocabulary" chunks, "fit: SVD" steps, "embed" chunks). The CLI turns it into a bar or log lines.
 */
export type ProgressCallback = (stage: string, done: number, total: number) => void;
