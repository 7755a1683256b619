// PEM text in a transcript line: canonical JSON cannot hold raw line breaks, so PEM is kept as its lines.
export function pemLines(pem: string): string[] {
  return pem.split('\n').filter((l) => l !== '');
}

export function joinPemLines(value: unknown): string {
  if (Array.isArray(value) && value.every((l) => typeof l === 'string')) return `${value.join('\n')}\n`;
  return typeof value === 'string' ? value : '';
}
