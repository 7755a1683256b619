// Reads a log's Merkle nodes from its C2SP tlog-tiles over HTTP (`<base>/tile/<L>/<N>[.p/<W>]`), so proofs at
// any past tree size can be made client-side, which Rekor v1's API cannot answer (it proves at the current size).
import type { HashSource } from '../../core/tlog';
import { classifyFetchFailure, DEFAULT_TIMEOUT_MS, fetchFailureMessage } from '../http-client/fetch-failure';
import { TILE_HEIGHT, TILE_WIDTH, tilePath } from '../../core/tlog';
import { TileTree } from '../../core/tlog/tile-tree';
import { LogClientError } from './errors';
import type { FetchLike } from './rekor-client';

export class HttpTileSource implements HashSource {
  private readonly tiles = new Map<string, Promise<TileTree>>();
  private readonly base: string;

  /** `size`: the tree size of the log's current checkpoint (which tiles exist follows from it). */
  constructor(
    baseUrl: string,
    private readonly size: number,
    private readonly fetchImpl: FetchLike = fetch,
    private readonly timeoutMs: number = DEFAULT_TIMEOUT_MS,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  async hash(level: number, index: number): Promise<Uint8Array> {
    const tileLevel = Math.floor(level / TILE_HEIGHT);
    const r = level % TILE_HEIGHT;
    const perTile = TILE_WIDTH / 2 ** r;
    const tileIndex = Math.floor(index / perTile);
    // A complete subtree of an older tree is the same subtree now: read it from the current tiles.
    const nodes = Math.floor(this.size / TILE_WIDTH ** tileLevel);
    const width = tileIndex < Math.floor(nodes / TILE_WIDTH) ? undefined : nodes % TILE_WIDTH;
    const tree = await this.tile(tilePath(tileLevel, tileIndex, width));
    const h = tree.node(r, index % perTile);
    if (!h) throw new LogClientError('LOG_RESPONSE_INVALID', `The tile at level ${tileLevel}, index ${tileIndex} lacks node ${index} of level ${level}.`);
    return h;
  }

  private tile(path: string): Promise<TileTree> {
    let t = this.tiles.get(path);
    if (!t) {
      t = this.fetchTile(path);
      this.tiles.set(path, t);
    }
    return t;
  }

  private async fetchTile(path: string): Promise<TileTree> {
    const url = `${this.base}/${path}`;
    const noAnswer = (e: unknown) => {
      const failure = classifyFetchFailure(e);
      const message = fetchFailureMessage('The log', url, failure, this.timeoutMs);
      return new LogClientError(failure.kind === 'timeout' ? 'LOG_TIMEOUT' : 'LOG_UNREACHABLE', message, { cause: e, details: { url, reason: failure.kind } });
    };
    let res: Response;
    let bytes: Uint8Array;
    try {
      res = await this.fetchImpl(url, { signal: AbortSignal.timeout(this.timeoutMs) });
      if (res.status === 404) throw new LogClientError('LOG_NOT_FOUND', `${this.base} does not serve ${path} (a log without C2SP tiles cannot prove at past sizes).`);
      if (!res.ok) throw new LogClientError('LOG_REJECTED', `${url} answered ${res.status}.`, { details: { status: res.status } });
      bytes = new Uint8Array(await res.arrayBuffer());
    } catch (e) {
      throw e instanceof LogClientError ? e : noAnswer(e);
    }
    return TileTree.fromBytes(bytes);
  }
}
