// Readable text for `rootsmith tuf`: repository status, a signing request as a signer reads it, verification.
import type { TufImportResult, TufReview, TufStatus, TufVerifyReport, TufExpiryEntry } from '../../contract/tuf';

const who = (k: { owner: string | null; keyid: string }) => k.owner ?? k.keyid.slice(0, 8);

export function statusText(s: TufStatus): string {
  const lines = [`TUF repository ${s.dir} (${s.published ? 'published' : 'not published yet'})`, '', 'Roles:'];
  for (const r of s.roles) {
    const version = r.version === null ? 'unpublished' : `v${r.version} expires ${r.expires}`;
    const staged = r.stagedVersion !== null ? `; staged v${r.stagedVersion} expires ${r.stagedExpires}` : '';
    lines.push(`  ${r.role.padEnd(10)} ${r.kind.padEnd(9)} ${r.threshold} of ${r.keys.length}: ${r.keys.map(who).join(', ')}  (${version}${staged})`);
    if (r.paths) lines.push(`  ${''.padEnd(10)} paths ${r.paths.join(', ')}${r.terminating ? ' (terminating)' : ''}`);
  }
  if (s.staged.length === 0) lines.push('', 'Nothing staged.');
  for (const c of s.staged) {
    lines.push('', `Staged ${c.role} v${c.version} (expires ${c.expires})${c.requestSha256 ? `, request sha256 ${c.requestSha256}` : ', no signing request yet'}:`);
    for (const line of c.diff.summary) lines.push(`  - ${line}`);
  }
  if (s.thresholds.length > 0) {
    lines.push('', 'Threshold progress:');
    for (const t of s.thresholds) lines.push(`  ${t.line}`);
  }
  if (s.staged.length > 0) lines.push('', s.readyToPublish ? 'Every threshold is met: ready to publish.' : 'Not ready to publish.');
  return lines.join('\n');
}

/** What `tuf import` did per file (a signature imported twice says so), then the threshold progress. */
export function importText(out: { imported: TufImportResult[]; status: TufStatus }): string {
  const lines = out.imported.map((i) =>
    i.alreadyImported
      ? `Already imported: ${i.name} (${i.role} v${i.version} signature by ${i.signer}); nothing changed.`
      : `Imported ${i.role} v${i.version} signature by ${i.signer}.`,
  );
  lines.push('', ...out.status.thresholds.map((t) => t.line));
  if (out.status.readyToPublish) lines.push('Ready to publish.');
  return lines.join('\n');
}

export function reviewText(r: TufReview): string {
  const lines = [
    `Signing request: ${r.role} version ${r.version}, expires ${r.expires}`,
    `Bytes to sign:   ${r.payloadLength} bytes, SHA-256 ${r.payloadSha256}`,
    '                 (compare this hash with the coordinator\'s before signing)',
    '',
    'Changes:',
    ...r.diff.summary.map((l) => `  - ${l}`),
  ];
  for (const t of r.diff.targets) {
    if (t.to) lines.push(`  target ${t.path}: ${t.to.length} bytes, ${Object.entries(t.to.hashes).map(([a, h]) => `${a} ${h}`).join(', ')}`);
  }
  lines.push('', 'Who must sign:');
  for (const t of r.thresholds) lines.push(`  ${t.threshold} of ${t.owners.length} keys of ${t.by}${t.group === 'previous' ? ' (the previous root)' : ''}: ${t.owners.join(', ')}`);
  return lines.join('\n');
}

export function expiringText(out: { at: string; withinDays: number; roles: TufExpiryEntry[] }): string {
  const lines = [`Expiry at ${out.at} (flagging roles within ${out.withinDays} days):`];
  for (const r of out.roles) {
    lines.push(`  ${r.expiring ? '!' : ' '} ${r.role.padEnd(20)} v${r.version} expires ${r.expires} (${r.daysLeft} days; re-sign ${r.resign === 'online' ? 'with refresh-online' : 'through a signing session'})`);
  }
  return lines.join('\n');
}

export function verifyText(r: TufVerifyReport): string {
  const lines = [`Verifying ${r.repo} at ${r.at}`, '', 'Root chain (Rootsmith):'];
  for (const v of r.rootChain.versions) {
    const prev = v.byPrevious ? `, ${v.byPrevious.valid}/${v.byPrevious.threshold} of the previous root's keys` : ' (trusted)';
    lines.push(`  ${v.ok ? 'ok  ' : 'FAIL'} root v${v.version}: ${v.bySelf.valid}/${v.bySelf.threshold} of its own keys${prev}${v.errors.length ? `: ${v.errors.join('; ')}` : ''}`);
  }
  lines.push('', 'Roles (Rootsmith):');
  for (const x of r.roles) {
    const sigs = x.signatures ? `${x.signatures.valid}/${x.signatures.threshold} signatures` : '';
    lines.push(`  ${x.ok ? 'ok  ' : 'FAIL'} ${x.role.padEnd(20)} v${x.version ?? '?'} ${sigs}, expires ${x.expires ?? '?'}`);
  }
  const bad = r.targets.filter((t) => !t.ok).length;
  lines.push('', `Targets (Rootsmith): ${r.targets.length - bad} of ${r.targets.length} match their length and hashes`);
  const c = r.engines.tufJs;
  lines.push('', c.ran ? `tuf-js client: ${c.ok ? `updated to ${Object.entries(c.versions ?? {}).map(([k, v]) => `${k} v${v}`).join(', ')} and fetched ${c.targets?.length ?? 0} targets` : 'FAILED'}` : `tuf-js client: not run (${c.reason ?? ''})`);
  if (r.failures.length > 0) {
    lines.push('', 'Failures:');
    for (const f of r.failures) lines.push(`  [${f.engine}] ${f.code}${f.role ? ` ${f.role}${f.version !== null ? ` v${f.version}` : ''}` : ''}: ${f.message}`);
  }
  lines.push('', r.ok ? 'OK' : 'FAILED');
  return lines.join('\n');
}
