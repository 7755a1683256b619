// Reads files the user picked into base64 for the contract (the renderer has no file system of its own).
export async function filesToBase64(files: FileList | File[]): Promise<{ name: string; contentBase64: string }[]> {
  const out: { name: string; contentBase64: string }[] = [];
  for (const file of Array.from(files)) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    out.push({ name: file.name, contentBase64: btoa(binary) });
  }
  return out;
}

export function base64ToText(b64: string): string {
  return new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
}
