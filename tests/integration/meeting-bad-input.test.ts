import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { NewAction } from '../../src/routes/(app)/meetings/[id]/(live)/room/action-form';
import { Amendment } from '../../src/routes/(app)/meetings/[id]/minutes/amendment-form';
import { MeetingForm, toMeetingInput } from '../../src/routes/(app)/meetings/new/meeting-form';
import {
	ActionInputError,
	createAction,
	NOT_AN_ITEM_OF_THIS_MEETING
} from '../../src/lib/server/actions';
import { addAmendment } from '../../src/lib/server/amendments';
import type { SessionUser } from '../../src/lib/server/auth';
import { schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { parseForm, parseJson } from '../../src/lib/server/forms';
import { createMeeting, getMeeting } from '../../src/lib/server/meetings';
import { z } from 'zod';
import { describeEachDatabase, signedInAs } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;

function formOf(fields: Record<string, string>): FormData {
	const form = new FormData();
	for (const [key, value] of Object.entries(fields)) form.append(key, value);
	return form;
}

describe('text read from a form or a JSON body', () => {
	it('loses its control characters but keeps its lines and tabs', () => {
		const parsed = parseForm(
			z.object({ notes: z.string() }),
			formOf({ notes: 'Falls\u0000 clinic\u0007\u001b[2J\r\nthen\tcall\u007f\u0085' })
		);
		expect(parsed).toMatchObject({ ok: true, data: { notes: 'Falls clinic[2J\r\nthen\tcall' } });
		expect(parsed.values.notes).toBe('Falls clinic[2J\r\nthen\tcall');
	});

	it('reads a JSON body the same way, nested strings and keys included', async () => {
		const request = new Request('http://x/', {
			method: 'POST',
			body: JSON.stringify({ label: 'Before\u0000 end', tags: ['a\u0000b'] })
		});
		const parsed = await parseJson(
			z.object({ label: z.string(), tags: z.array(z.string()) }),
			request
		);
		expect(parsed.data).toEqual({ label: 'Before end', tags: ['ab'] });
	});
});

describe('dates a form takes', () => {
	const action = (dueDate: string) =>
		parseForm(
			NewAction,
			formOf({
				description: 'Call',
				assigneeId: '00000000-0000-4000-8000-000000000000',
				dueDate,
				priority: 'routine',
				agendaItemId: '',
				patientId: ''
			})
		);

	it('refuses a due date outside 1900–2100, and one that is no day', () => {
		for (const dueDate of ['0000-01-01', '1899-12-31', '2101-01-01', '20266-01-01', '2026-02-30']) {
			const parsed = action(dueDate);
			expect(parsed.ok, dueDate).toBe(false);
			if (!parsed.ok) expect(parsed.errors.dueDate, dueDate).toMatch(/due date/);
		}
		expect(action('2100-12-31')).toMatchObject({ ok: true, data: { dueDate: '2100-12-31' } });
		expect(action('')).toMatchObject({ ok: true, data: { dueDate: null } });
	});

	it('refuses a meeting more than 5 years from today', () => {
		const meeting = (date: string) =>
			parseForm(
				MeetingForm,
				formOf({
					title: 'Far MDT',
					date,
					startTime: '13:00',
					durationMinutes: '60',
					chairId: '00000000-0000-4000-8000-000000000000'
				})
			);
		const year = new Date().getUTCFullYear();
		for (const date of ['9999-01-01', `${year + 6}-01-01`, `${year - 6}-01-01`, '0000-01-01']) {
			const parsed = meeting(date);
			expect(parsed.ok, date).toBe(false);
			if (!parsed.ok) expect(parsed.errors.date, date).toBeDefined();
		}
		expect(meeting(`${year + 1}-06-01`).ok).toBe(true);
	});
});

// PostgreSQL's text cannot hold NUL ("invalid byte sequence for encoding UTF8: 0x00") and its
// uuid refuses anything else ("invalid input syntax for type uuid"): both were 500s.
describeEachDatabase('what a meeting form stores', (db) => {
	let coordinator: SessionUser;
	let gp: SessionUser;
	let hillside: SessionUser;

	beforeAll(async () => {
		await seedDemo(db());
		coordinator = (await signedInAs(db(), 'coordinator@riverside.test')).user;
		gp = (await signedInAs(db(), 'gp@riverside.test')).user;
		hillside = (await signedInAs(db(), 'coordinator@hillside.test')).user;
	});

	/** A meeting of `actor`'s team with items `<id>-a` and `<id>-b` in its projection. */
	async function meetingWithAgenda(actor: SessionUser, title: string) {
		const chair = actor === hillside ? (await signedInAs(db(), 'gp@hillside.test')).user : gp;
		const id = await createMeeting(db(), actor, {
			title,
			startsAt: new Date(Date.now() + 7 * DAY),
			durationMinutes: 60,
			chairId: chair.id,
			inviteeIds: []
		});
		await db()
			.insert(schema.agendaItem)
			.values([
				{ meetingId: id, id: `${id}-a`, organisationId: actor.organisationId, position: 0 },
				{ meetingId: id, id: `${id}-b`, organisationId: actor.organisationId, position: 1 }
			]);
		return id;
	}

	const actionInput = (meetingId: string, agendaItemId: string | null) => ({
		description: 'Refer to the falls clinic',
		assigneeId: gp.id,
		dueDate: null,
		priority: 'routine' as const,
		meetingId,
		agendaItemId
	});

	it('stores a title sent with a NUL in it, without the NUL', async () => {
		const parsed = parseForm(
			MeetingForm,
			formOf({
				title: 'Falls\u0000 MDT',
				date: new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10),
				startTime: '13:00',
				durationMinutes: '60',
				chairId: gp.id
			})
		);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
		const converted = toMeetingInput(parsed.data);
		if (!converted.ok) throw new Error(converted.message);
		const id = await createMeeting(db(), coordinator, converted.input);
		expect((await getMeeting(db(), coordinator, id))?.title).toBe('Falls MDT');
	});

	it('stores an action described with a NUL in it, without the NUL', async () => {
		const meetingId = await meetingWithAgenda(coordinator, 'NUL action MDT');
		const parsed = parseForm(
			NewAction,
			formOf({
				description: 'Call\u0000 the family',
				assigneeId: gp.id,
				dueDate: '2030-01-31',
				priority: 'routine',
				agendaItemId: '',
				patientId: ''
			})
		);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
		const id = await createAction(db(), coordinator, { ...parsed.data, meetingId });
		const [row] = await db().select().from(schema.mdtAction).where(eq(schema.mdtAction.id, id));
		expect(row.description).toBe('Call the family');
	});

	it('stores an amendment with a NUL in it, without the NUL', async () => {
		const meetingId = await meetingWithAgenda(coordinator, 'NUL amendment MDT');
		await db()
			.update(schema.meeting)
			.set({ status: 'ended', endedAt: new Date() })
			.where(eq(schema.meeting.id, meetingId));
		const parsed = parseForm(Amendment, formOf({ text: 'Falls\u0000 twice', agendaItemId: '' }));
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
		const id = await addAmendment(db(), gp, meetingId, parsed.data);
		const [row] = await db()
			.select()
			.from(schema.meetingAmendment)
			.where(eq(schema.meetingAmendment.id, id!));
		expect(row.text).toBe('Falls twice');
	});

	it('answers "not found" for a meeting id that is no UUID', async () => {
		await expect(
			createAction(db(), coordinator, actionInput('not-a-uuid', null))
		).rejects.toMatchObject({ field: 'meetingId', message: 'Meeting not found' });
		expect(await addAmendment(db(), gp, 'not-a-uuid', { text: 'x', agendaItemId: null })).toBe(
			null
		);
	});

	it('files an action under an item of this meeting’s agenda, or none', async () => {
		const meetingId = await meetingWithAgenda(coordinator, 'Item action MDT');
		const filed = await createAction(db(), coordinator, actionInput(meetingId, `${meetingId}-a`));
		const loose = await createAction(db(), coordinator, actionInput(meetingId, null));
		const rows = await db()
			.select({ id: schema.mdtAction.id, agendaItemId: schema.mdtAction.agendaItemId })
			.from(schema.mdtAction)
			.where(eq(schema.mdtAction.meetingId, meetingId));
		expect(rows).toEqual(
			expect.arrayContaining([
				{ id: filed, agendaItemId: `${meetingId}-a` },
				{ id: loose, agendaItemId: null }
			])
		);
	});

	it('refuses an action under an item that is not on this meeting’s agenda', async () => {
		const meetingId = await meetingWithAgenda(coordinator, 'Bogus item MDT');
		const otherOfOurs = await meetingWithAgenda(coordinator, 'Our other MDT');
		const theirs = await meetingWithAgenda(hillside, 'Their MDT');
		for (const item of ['bogus-item', `${otherOfOurs}-a`, `${theirs}-a`]) {
			const refused = createAction(db(), coordinator, actionInput(meetingId, item));
			await expect(refused, item).rejects.toBeInstanceOf(ActionInputError);
			await expect(refused, item).rejects.toMatchObject({
				field: 'agendaItemId',
				message: NOT_AN_ITEM_OF_THIS_MEETING
			});
		}
		const stored = await db()
			.select()
			.from(schema.mdtAction)
			.where(eq(schema.mdtAction.meetingId, meetingId));
		expect(stored).toHaveLength(0);
	});
});
