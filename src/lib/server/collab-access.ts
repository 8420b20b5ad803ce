import { and, eq } from 'drizzle-orm';
import { parseDocName, type DocKind } from '../domain/collab/documents';
import { can } from '../domain/roles';
import type { SessionUser } from './auth';
import type { Db } from './db';
import { meeting, patient } from './db/schema';

export type DocumentAccess = {
	name: string;
	kind: DocKind;
	id: string;
	organisationId: string;
	readOnly: boolean;
};

/**
 * May this user open this live document? Null for a malformed name, a document of another
 * organisation, or one that does not exist — the caller cannot tell these apart.
 */
export async function authoriseDocument(
	db: Db,
	user: SessionUser,
	name: string
): Promise<DocumentAccess | null> {
	const parsed = parseDocName(name);
	if (!parsed || !can(user.role, 'patient:read')) return null;
	const table = parsed.kind === 'careplan' ? patient : meeting;
	const [row] = await db
		.select({ id: table.id })
		.from(table)
		.where(and(eq(table.id, parsed.id), eq(table.organisationId, user.organisationId)));
	if (!row) return null;
	const permission = parsed.kind === 'careplan' ? 'careplan:edit' : 'meeting:edit';
	const id = parsed.id.toLowerCase();
	return {
		name: `${parsed.kind}:${id}`,
		kind: parsed.kind,
		id,
		organisationId: user.organisationId,
		readOnly: !can(user.role, permission)
	};
}
