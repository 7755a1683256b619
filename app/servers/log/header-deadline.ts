// Cuts off clients that trickle their request headers (slowloris). node:http checks headersTimeout only every
// connectionsCheckingInterval (30 s by default, fixed when the server is created), so a client sending a byte a
// second could hold a connection for 40 s; this guard gives each request's headers a deadline of their own.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Headers must be complete this long after a connection opens or its previous response ends (once bytes arrive). */
export const HEADER_DEADLINE_MS = 5_000;

export function enforceHeaderDeadline(server: Server, deadlineMs = HEADER_DEADLINE_MS): void {
  const timers = new WeakMap<Socket, ReturnType<typeof setTimeout>>();
  const arm = (socket: Socket) => {
    clearTimeout(timers.get(socket));
    const before = socket.bytesRead;
    // Only a connection that started a request and did not finish its headers is cut; an idle keep-alive
    // connection is left to keepAliveTimeout, which closes it gracefully (clients may be about to reuse it).
    const t = setTimeout(() => {
      if (socket.bytesRead > before) socket.destroy();
    }, deadlineMs);
    t.unref();
    timers.set(socket, t);
  };
  const disarm = (socket: Socket) => clearTimeout(timers.get(socket));
  server.on('connection', (socket: Socket) => {
    arm(socket);
    socket.once('close', () => disarm(socket));
  });
  server.on('request', (req, res) => {
    disarm(req.socket);
    res.once('finish', () => {
      if (!req.socket.destroyed) arm(req.socket);
    });
  });
}
