/**
 * The benchmark's reference: the stock y-websocket server (@y/websocket-server), in memory, no
 * authentication, no persistence. PORT and HOST from the environment.
 */
import { createServer } from 'node:http';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';

const port = Number(process.env.PORT ?? 1234);
const host = process.env.HOST ?? '127.0.0.1';

const wss = new WebSocketServer({ noServer: true });
const server = createServer((_request, response) => response.writeHead(404).end());

server.on('upgrade', (request, socket, head) => {
	wss.handleUpgrade(request, socket, head, (ws) => {
		// The document is named by the path: ws://host/<docName>.
		const docName = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname.slice(1));
		setupWSConnection(ws, request, { docName });
	});
});

server.listen(port, host, () => console.log(`reference server listening on ${host}:${port}`));

// Nothing to store: drop the sockets and go (exiting cleanly lets --cpu-prof write its profile).
process.on('SIGTERM', () => {
	for (const ws of wss.clients) ws.terminate();
	server.close();
	process.exit(0);
});
