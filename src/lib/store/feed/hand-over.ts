// The bookkeeping a feed follower (follower.ts) needs when a writer hands it a batch directly
// instead of letting it read the batch back (snapshot-write.ts): live changes seen while a
// writer holds are deferred; once released, one catch-up is queued, which stands down if the
// writer holds again by then or a hand-over is queued behind it (that hand-over applies from the
// checkpoint, or reads the feed when something else moved it).

export class HandOverGate {
	/** hold() calls not yet released. */
	#holds = 0;
	#deferred = false;
	/** Hand-overs queued whose task has not started. */
	#queued = 0;

	hold(): void {
		this.#holds++;
	}

	/** A live change: true when the follower should catch up now (else it is deferred). */
	onChange(): boolean {
		if (this.#holds === 0) return true;
		this.#deferred = true;
		return false;
	}

	/**
	 * The writer is done: when a live change was deferred meanwhile, queues one catch-up with
	 * `enqueue` (the follower's task chain) that runs `catchUp` unless the writer holds again by
	 * then or a hand-over is queued behind it.
	 */
	release(enqueue: (task: () => Promise<void>) => Promise<void>, catchUp: () => Promise<void>): void {
		if (this.#holds > 0) this.#holds--;
		if (this.#holds > 0 || !this.#deferred) return;
		this.#deferred = false;
		enqueue(async () => {
			if (this.#holds > 0)
				this.#deferred = true; // holding again: its release queues the next one
			else if (this.#queued === 0) await catchUp();
		}).catch(() => undefined); // the follower's chain reported the failure; no caller waits here
	}

	handOverQueued(): void {
		this.#queued++;
	}

	handOverStarted(): void {
		this.#queued--;
	}
}
