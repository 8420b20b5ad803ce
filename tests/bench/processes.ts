/**
 * Child processes of the benchmark, and what /proc says about them. Every child started here is
 * killed when the benchmark exits, however it exits (normal end, error, Ctrl-C).
 */
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';

export type Child = {
	name: string;
	process: ChildProcess;
	pid: number;
	/** The last lines the child wrote (stdout and stderr). */
	tail(lines?: number): string;
	/** Everything it wrote to stdout (capped at 4 MB). */
	stdout(): string;
	exited: Promise<number | null>;
	/** SIGTERM, then SIGKILL if it is still running after `graceMs`. */
	stop(graceMs?: number): Promise<void>;
};

const live = new Set<ChildProcess>();
const cleanups: { name: string; run: () => Promise<void> | void }[] = [];
let aborting = false;

/** Registers work that must run however the benchmark ends (drop a database, remove a folder). */
export function onCleanup(name: string, run: () => Promise<void> | void): () => Promise<void> {
	// Once only, whether the normal path or an abort gets there first.
	let done: Promise<void> | undefined;
	const entry = { name, run: () => (done ??= Promise.resolve().then(run)) };
	cleanups.push(entry);
	return entry.run;
}

/** True once the benchmark is being torn down: errors from then on are expected. */
export function isAborting(): boolean {
	return aborting;
}

function killAll() {
	for (const child of live) child.kill('SIGKILL');
	live.clear();
}

async function abort(why: string, code: number) {
	if (aborting) return;
	aborting = true;
	console.error(`\nbench: ${why}; killing ${live.size} child process(es) and cleaning up`);
	killAll();
	const deadline = new Promise((resolve) => setTimeout(resolve, 15_000).unref());
	for (const entry of [...cleanups].reverse()) {
		await Promise.race([
			Promise.resolve()
				.then(entry.run)
				.catch((error: unknown) => console.error(`bench: cleanup "${entry.name}" failed:`, error)),
			deadline
		]);
	}
	process.exit(code);
}

process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.on(signal, () => void abort(`${signal} received`, 130));
}
process.on('uncaughtException', (error) => {
	if (aborting) return;
	console.error(error);
	void abort('uncaught exception', 1);
});
process.on('unhandledRejection', (error) => {
	if (aborting) return;
	console.error(error);
	void abort('unhandled rejection', 1);
});

/** Ends the benchmark at once (a bound on total run time, a fatal error). */
export function fail(why: string): Promise<void> {
	return abort(why, 1);
}

function track(name: string, child: ChildProcess, echo: boolean): Child {
	if (child.pid === undefined) throw new Error(`${name} did not start`);
	live.add(child);
	const lines: string[] = [];
	let out = '';
	const collect = (stream: NodeJS.ReadableStream | null, isStdout: boolean) => {
		let partial = '';
		stream?.setEncoding('utf8');
		stream?.on('data', (chunk: string) => {
			if (isStdout && out.length < 4 * 1024 * 1024) out += chunk;
			const parts = (partial + chunk).split('\n');
			partial = parts.pop() ?? '';
			for (const line of parts) {
				lines.push(line);
				if (echo) console.error(`  [${name}] ${line}`);
			}
			if (lines.length > 200) lines.splice(0, lines.length - 200);
		});
	};
	collect(child.stdout, true);
	collect(child.stderr, false);
	const exited = new Promise<number | null>((resolve) => {
		child.once('exit', (code, signal) => {
			live.delete(child);
			resolve(code ?? (signal ? -1 : null));
		});
		child.once('error', () => {
			live.delete(child);
			resolve(-1);
		});
	});
	return {
		name,
		process: child,
		pid: child.pid,
		tail: (count = 20) => lines.slice(-count).join('\n'),
		stdout: () => out,
		exited,
		async stop(graceMs = 10_000) {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
			await exited;
			clearTimeout(timer);
		}
	};
}

/** Any command, with piped output. */
export function startCommand(
	name: string,
	command: string,
	args: string[],
	options: { env?: NodeJS.ProcessEnv; echo?: boolean } = {}
): Child {
	const child = spawn(command, args, {
		env: options.env ?? process.env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	return track(name, child, options.echo ?? false);
}

/** `node --import tsx <script>`, with piped output. */
export function startNode(
	name: string,
	script: string,
	options: { args?: string[]; nodeArgs?: string[]; env?: NodeJS.ProcessEnv; echo?: boolean } = {}
): Child {
	const args = [...(options.nodeArgs ?? []), '--import', 'tsx', script, ...(options.args ?? [])];
	return startCommand(name, process.execPath, args, options);
}

/** A TypeScript child with an IPC channel (structured clone, so typed arrays pass as they are). */
export function forkNode(
	name: string,
	script: string,
	options: { nodeArgs?: string[]; echo?: boolean } = {}
): Child {
	const child = fork(script, [], {
		execArgv: [...(options.nodeArgs ?? []), '--import', 'tsx'],
		stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
		serialization: 'advanced'
	});
	return track(name, child, options.echo ?? false);
}

/** Runs a command to its end, with a time limit; throws with its output if it fails. */
export async function runToEnd(child: Child, timeoutMs: number): Promise<string> {
	const timer = setTimeout(() => child.process.kill('SIGKILL'), timeoutMs);
	const code = await child.exited;
	clearTimeout(timer);
	if (code !== 0) {
		throw new Error(`${child.name} exited with ${code}:\n${child.tail(30)}`);
	}
	return child.stdout();
}

export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/** Resolves once the port accepts connections; rejects if the child exits first or on timeout. */
export async function waitForPort(child: Child, port: number, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let exited = false;
	void child.exited.then(() => (exited = true));
	while (Date.now() < deadline) {
		if (exited) throw new Error(`${child.name} exited before listening:\n${child.tail(30)}`);
		const open = await new Promise<boolean>((resolve) => {
			const socket = connect(port, '127.0.0.1');
			socket.once('connect', () => {
				socket.destroy();
				resolve(true);
			});
			socket.once('error', () => resolve(false));
		});
		if (open) return;
		await sleep(100);
	}
	throw new Error(`${child.name} was not listening on ${port} after ${timeoutMs / 1000} s`);
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Milliseconds since the epoch, sub-millisecond: the clock every process of the machine shares. */
export function now(): number {
	return performance.timeOrigin + performance.now();
}

/** Resolves at an absolute `now()` time. */
export function at(time: number): Promise<void> {
	return sleep(Math.max(0, time - now()));
}

let ticks: number | undefined;
function clockTicks(): number {
	if (ticks === undefined) {
		try {
			ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
		} catch {
			ticks = 100;
		}
	}
	return ticks;
}

/** User + system CPU seconds a process has used so far, or undefined once it is gone. */
export function cpuSeconds(pid: number): number | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name (field 2) may hold spaces: count fields after its closing parenthesis.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) / clockTicks();
	} catch {
		return undefined;
	}
}

/** CPU seconds the whole machine has spent busy (all processes, all cores) since boot. */
export function machineBusySeconds(): number {
	try {
		const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
			.split('\n')[0]
			.split(/\s+/)
			.slice(1)
			.map(Number);
		return (user + nice + system + irq + softirq + steal) / clockTicks();
	} catch {
		return NaN;
	}
}

/** A memory figure of /proc/<pid>/status (VmRSS, VmHWM) in MB, or undefined. */
export function memoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
		return match ? Number(match[1]) / 1024 : undefined;
	} catch {
		return undefined;
	}
}

/** Polls a process's resident memory every 200 ms and keeps the peak. */
export function watchMemory(pid: number): { stop(): number } {
	let peak = 0;
	const poll = () => (peak = Math.max(peak, memoryMb(pid, 'VmRSS') ?? 0));
	poll();
	const timer = setInterval(poll, 200);
	return {
		stop() {
			clearInterval(timer);
			poll();
			return Math.max(peak, memoryMb(pid, 'VmHWM') ?? 0);
		}
	};
}
