// Reads files the user picked into base64 for the contract, each with its name (signature files, requests).
import { readFileAsBase64 } from '../components/read-file';

export async function filesToBase64(files: FileList | File[]): Promise<{ name: string; contentBase64: string }[]> {
  const out: { name: string; contentBase64: string }[] = [];
  for (const file of Array.from(files)) out.push({ name: file.name, contentBase64: await readFileAsBase64(file) });
  return out;
}
