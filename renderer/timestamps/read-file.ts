// File limits and downloads of the Timestamps tools (files are read by components/read-file.ts).

/** The web host takes requests up to 1 MiB; base64 grows data by a third. */
export const MAX_FILE_BYTES = 700 * 1024;

/** A downloadable object URL for DER bytes given as base64 (e.g. to save a .tsr). */
export function base64ToBlobUrl(base64: string, type: string): string {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type }));
}
