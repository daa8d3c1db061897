/**
 * windows-1252's characters at 0x80-0x9F (curly quotes, dashes, euro...). Node 20's TextDecoder decodes that
 * encoding as ISO-8859-1 and leaves these bytes as invisible C1 control characters, so they are mapped here.
 */
const WINDOWS_1252_C1 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

/**
 * Decodes bytes in the named encoding (a WHATWG label such as "utf-8", "windows-1252", "shift_jis"), falling back
 * to UTF-8 for an unknown label. A UTF-8 byte-order mark is dropped.
 */
export function decodeText(bytes: Uint8Array, label = "utf-8"): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    // An unknown label: read as UTF-8 rather than lose the file.
    decoder = new TextDecoder("utf-8");
  }
  const text = decoder.decode(bytes);
  if (decoder.encoding !== "windows-1252") return text;
  return text.replace(/[\u0080-\u009f]/g, (character) => WINDOWS_1252_C1[character.charCodeAt(0) - 0x80]!);
}
