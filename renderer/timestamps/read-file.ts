// Reads a file the user picked (<input type=file>) as base64 with FileReader: the renderer never touches paths.
export function readFileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error(`cannot read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

/** The web host takes requests up to 1 MiB; base64 grows data by a third. */
export const MAX_FILE_BYTES = 700 * 1024;

/** A downloadable object URL for DER bytes given as base64 (e.g. to save a .tsr). */
export function base64ToBlobUrl(base64: string, type: string): string {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type }));
}
