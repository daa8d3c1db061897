import { createHash } from "node:crypto";
import path from "node:path";
import type { MetadataValue } from "../types.js";

/** A stable document id from a relative path: "policies/Overdraft Policy.md" -> "policies/overdraft-policy". */
export function idFromPath(relativePath: string): string {
  const withoutExtension = relativePath.replace(/\.[^./\\]+$/, "");
  return withoutExtension.split(/[\\/]/).map(slug).filter(Boolean).join("/");
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/**
 * The id of one record of a multi-document file (a CSV row, a JSONL line): `<file id>/<slug of key>`.
 * A key with no usable letters or digits (e.g. all non-Latin) gets a stable hash instead of an empty slug.
 * @example recordId("catalog/products", "SKU 12") // "catalog/products/sku-12"
 */
export function recordId(fileId: string, key: string): string {
  const keySlug = slug(key) || createHash("sha256").update(key).digest("hex").slice(0, 12);
  return `${fileId}/${keySlug}`;
}

/** A readable title from a file name: "overdraft-policy.md" -> "Overdraft policy". */
export function titleFromPath(relativePath: string): string {
  const base = path.basename(relativePath).replace(/\.[^.]+$/, "").replace(/[-_]+/g, " ").trim();
  return base.charAt(0).toUpperCase() + base.slice(1);
}

/** Front-matter values normalised to what chunks can carry: dates as YYYY-MM-DD, lists of strings, scalars. */
export function normaliseMetadata(raw: Record<string, unknown>): Record<string, MetadataValue> {
  const metadata: Record<string, MetadataValue> = {};
  for (const [key, value] of Object.entries(raw)) {
    const normalised = normaliseValue(value);
    if (normalised !== undefined) metadata[key] = normalised;
  }
  return metadata;
}

function normaliseValue(value: unknown): MetadataValue | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value)) {
    const items = value.map(normaliseValue).filter((item) => item !== undefined).map(String);
    return items;
  }
  return undefined;
}
