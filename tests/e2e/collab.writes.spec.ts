import { expect, type Page } from '@playwright/test';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { aboutMeFragment, setFragmentText } from '../../src/lib/domain/collab/careplan';
import { signedIn, test } from './fixtures';

const WS_URL = 'ws://127.0.0.1:4173';

async function sessionToken(page: Page): Promise<string> {
	const cookie = (await page.context().cookies()).find((c) => c.name === 'mdt_session');
	if (!cookie) throw new Error('not signed in');
	return cookie.value;
}

function cookieSocket(token: string) {
	return class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers: { cookie: `mdt_session=${token}` } });
		}
	};
}

test('an edit through the production server reaches the care plan API', async ({ page }) => {
	await signedIn(page, 'coordinator@riverside.test');
	const { patients } = (await (await page.request.get('/api/patients?limit=1')).json()) as {
		patients: { id: string }[];
	};
	const patientId = patients[0].id;
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${WS_URL}/collab`, `careplan:${patientId}`, doc, {
		WebSocketPolyfill: cookieSocket(
			await sessionToken(page)
		) as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
	setFragmentText(aboutMeFragment(doc, 'whatMattersToMe'), 'Seeing my friends at the lunch club');
	await expect
		.poll(
			async () => {
				const response = await page.request.get(`/api/patients/${patientId}/care-plan`);
				return ((await response.json()) as { plan: { aboutMe: { whatMattersToMe: string } } }).plan
					.aboutMe.whatMattersToMe;
			},
			{ intervals: [100] }
		)
		.toBe('Seeing my friends at the lunch club');
	provider.destroy();
});

test('a Hillside user is refused a Riverside care plan socket with 403', async ({ browser }) => {
	const riverside = await browser.newPage();
	await signedIn(riverside, 'coordinator@riverside.test');
	const { patients } = (await (await riverside.request.get('/api/patients?limit=1')).json()) as {
		patients: { id: string }[];
	};
	const hillside = await (await browser.newContext()).newPage();
	await signedIn(hillside, 'coordinator@hillside.test');
	const token = await sessionToken(hillside);
	const status = await new Promise<number>((resolve) => {
		const ws = new WebSocket(`${WS_URL}/collab/careplan:${patients[0].id}`, {
			headers: { cookie: `mdt_session=${token}` }
		});
		ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
		ws.on('open', () => resolve(101));
		ws.on('error', () => {});
	});
	expect(status).toBe(403);
	expect((await hillside.request.get(`/api/patients/${patients[0].id}/care-plan`)).status()).toBe(
		404
	);
});

test('the socket.io meeting channel answers on the same server', async ({ page }) => {
	await signedIn(page, 'coordinator@riverside.test');
	const socket = io('http://127.0.0.1:4173', {
		path: '/socket.io',
		transports: ['websocket'],
		extraHeaders: { cookie: `mdt_session=${await sessionToken(page)}` },
		forceNew: true
	});
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('connect_error', reject);
	});
	const answer = await socket.timeout(20_000).emitWithAck('meeting:join', {
		meetingId: '00000000-0000-4000-8000-000000000000'
	});
	expect(answer).toEqual({ ok: false, error: 'not found' });
	socket.disconnect();
});
