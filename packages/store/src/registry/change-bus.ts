import type { ChangeEvent } from '../store';

/** The store's own listeners; a listener that throws is reported and never stops a write. */
export class ChangeBus {
  private readonly listeners = new Set<(event: ChangeEvent) => void>();

  constructor(private readonly onError: (error: unknown) => void) {}

  add(listener: (event: ChangeEvent) => void): () => void {
    // A wrapper per subscription, so that one listener added twice is removed once at a time.
    const entry = (event: ChangeEvent) => listener(event);
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  get size(): number {
    return this.listeners.size;
  }

  emit(event: ChangeEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
