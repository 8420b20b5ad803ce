import type { DocKind } from '../../src/lib/domain/collab/documents';
import { CollabDocument, type DocumentHooks } from './CollabDocument';
import { PeerConvergence } from './PeerConvergence';
import type { RedisFanout } from './RedisFanout';
import type { UpdateLog } from './UpdateLog';

export type RegistryOptions = {
	log: UpdateLog;
	fanout?: RedisFanout;
	hooks?: DocumentHooks;
	/** How long a document with no connections stays in memory. */
	idleMs?: number;
	/** Compact a document's log once it holds this many updates. */
	compactAfter?: number;
	/**
	 * With a fan-out: how often each loaded document's state is checked against its peers', in ms
	 * (PeerConvergence; 15 s unless set).
	 */
	peerCheckMs?: number;
	/** After a document has left memory. */
	onUnload?(name: string): void;
};

type Entry = { document: CollabDocument; loaded: Promise<void>; idle?: NodeJS.Timeout };

/**
 * The live documents of this process. A document is loaded once however many clients arrive
 * together; with no connections left it is compacted and unloaded after `idleMs`.
 */
export class DocumentRegistry {
	readonly #entries = new Map<string, Entry>();
	readonly #unloading = new Map<string, Promise<void>>();
	readonly #compacting = new Set<string>();
	readonly #options: Required<Pick<RegistryOptions, 'idleMs' | 'compactAfter'>> & RegistryOptions;
	/** Repairs what a lost Redis message left apart; only with a fan-out. */
	readonly #convergence: PeerConvergence | undefined;

	constructor(options: RegistryOptions) {
		this.#options = {
			...options,
			idleMs: options.idleMs ?? 30_000,
			compactAfter: options.compactAfter ?? 2_000
		};
		this.#convergence = options.fanout
			? new PeerConvergence({
					fanout: options.fanout,
					documents: () => this.documents(),
					checkEveryMs: options.peerCheckMs
				})
			: undefined;
	}

	get size(): number {
		return this.#entries.size;
	}

	/**
	 * The live document of that name, loading it if needed. Resolves before the load has finished;
	 * if it fails, the document closes its connections with 1011 (see `loaded` to wait for it).
	 */
	async open(
		name: string,
		target: { kind: DocKind; id: string; organisationId: string }
	): Promise<CollabDocument> {
		await this.#unloading.get(name);
		let entry = this.#entries.get(name);
		if (!entry) {
			const document = new CollabDocument({
				name,
				...target,
				log: this.#options.log,
				fanout: this.#options.fanout,
				hooks: {
					onChange: (doc) => {
						this.#convergence?.changed(doc);
						this.#options.hooks?.onChange?.(doc);
						if (doc.logLength >= this.#options.compactAfter) void this.compact(doc);
					},
					onPeerState: (doc, state) => this.#convergence?.onPeerState(doc, state)
				}
			});
			const loaded = document.load();
			entry = { document, loaded };
			this.#entries.set(name, entry);
			loaded.catch(async (error: unknown) => {
				console.error(`collab: loading ${name} failed:`, error);
				if (this.#entries.get(name) === entry) this.#entries.delete(name);
				document.fail();
				await document.destroy();
			});
		}
		if (entry.idle) {
			clearTimeout(entry.idle);
			entry.idle = undefined;
		}
		return entry.document;
	}

	/** Waits for a document's load; rejects as the load did. */
	async loaded(name: string): Promise<void> {
		await this.#entries.get(name)?.loaded;
	}

	get(name: string): CollabDocument | undefined {
		return this.#entries.get(name)?.document;
	}

	/** Call when a connection leaves: the document unloads once idle. */
	release(document: CollabDocument): void {
		const entry = this.#entries.get(document.name);
		if (!entry || entry.document !== document || document.connections.size > 0) return;
		if (entry.idle) clearTimeout(entry.idle);
		entry.idle = setTimeout(() => void this.unload(document.name), this.#options.idleMs);
		entry.idle.unref();
	}

	async unload(name: string): Promise<void> {
		const entry = this.#entries.get(name);
		if (!entry || entry.document.connections.size > 0) return;
		const work = (async () => {
			this.#entries.delete(name);
			if (entry.idle) clearTimeout(entry.idle);
			try {
				await entry.loaded;
				await entry.document.settled();
				if (entry.document.logLength > 0) await this.compact(entry.document);
			} catch {
				// A failed load or store was logged where it happened.
			}
			await entry.document.destroy();
			this.#options.onUnload?.(name);
		})();
		this.#unloading.set(name, work);
		await work;
		this.#unloading.delete(name);
	}

	/** Folds the document's log into its snapshot, in the background, once at a time. */
	async compact(document: CollabDocument): Promise<void> {
		if (this.#compacting.has(document.name)) return;
		this.#compacting.add(document.name);
		try {
			await document.settled();
			const folded = await this.#options.log.compact(document.name, document.organisationId);
			document.logLength = Math.max(0, document.logLength - folded);
		} catch (error) {
			console.error(`collab: compacting ${document.name} failed:`, error);
		} finally {
			this.#compacting.delete(document.name);
		}
	}

	documents(): CollabDocument[] {
		return [...this.#entries.values()].map((e) => e.document);
	}

	/** For shutdown: stores what is pending and unloads everything. */
	async closeAll(): Promise<void> {
		// Unloads already under way (idle timers) must finish too: their compaction still needs
		// the database the caller is about to close.
		await this.#convergence?.close();
		const underWay = [...this.#unloading.values()];
		await Promise.all([...this.#entries.keys()].map((name) => this.unload(name)));
		await Promise.all(underWay);
	}
}
