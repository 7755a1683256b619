// Checkpoints `rootsmith log monitor` recorded for a log URL, read from its default state file, so the explorer's
// history reaches back before this session. The monitor checked each signature when it polled.
import { loadMonitorState, monitorStateFile } from '../../log-client/monitor';
import type { CheckpointView } from '../../contract/log';

/** The recorded checkpoints, oldest first; none when there is no (readable) state file for this URL. */
export function monitorCheckpoints(url: string): CheckpointView[] {
  try {
    const state = loadMonitorState(monitorStateFile(url));
    if (!state) return [];
    return state.checkpoints.map((c) => ({ origin: c.origin, treeSize: c.size, rootHashHex: c.rootHash, text: '', seenAt: c.seenAt, signature: 'valid', source: 'monitor' }));
  } catch {
    // A damaged or foreign state file is the monitor's business; the explorer just shows what it saw itself.
    return [];
  }
}
