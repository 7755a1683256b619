// Reads the body of a checkpoint signed note in the renderer (C2SP tlog-checkpoint: origin, size, base64 root),
// so the proof drawing compares against the checkpoint's own root, not a field the backend copied.

export interface CheckpointText {
  origin: string;
  treeSize: number;
  rootHashHex: string;
}

/** Parses the first three lines of a checkpoint note; null when they are not a checkpoint. */
export function parseCheckpointText(text: string): CheckpointText | null {
  const [origin, sizeLine, rootLine] = text.split('\n');
  if (!origin || !sizeLine || !rootLine || !/^(0|[1-9][0-9]*)$/.test(sizeLine)) return null;
  const treeSize = Number(sizeLine);
  if (!Number.isSafeInteger(treeSize)) return null;
  let bin: string;
  try {
    bin = atob(rootLine);
  } catch {
    return null;
  }
  if (bin.length !== 32) return null;
  let rootHashHex = '';
  for (let i = 0; i < bin.length; i++) rootHashHex += bin.charCodeAt(i).toString(16).padStart(2, '0');
  return { origin, treeSize, rootHashHex };
}
