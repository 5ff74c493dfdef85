// A list central serves a page at a time (`next`: the cursor of the page after, null on the
// last): the first page is read again whenever the element's arguments change (a @lit/task),
// and "more" appends the next page to the rows read so far.
import { Task } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';

export interface ListPage<T> { items: T[]; next: string | null }

export class PagedListController<T, A extends readonly unknown[]> {
  /** The first page, to render (its `complete` value is that page alone: show `rows`). */
  readonly first: Task<A, T[]>;
  /** The cursor of the page after the rows read so far, null when there is none. */
  next: string | null = null;
  private more: T[] = [];

  constructor(private readonly host: ReactiveControllerHost, private readonly read: (args: A, cursor: string | null) => Promise<ListPage<T>>, private readonly args: () => A) {
    this.first = new Task<A, T[]>(host, {
      task: async (a) => {
        const page = await read(a, null);
        this.more = [];
        this.next = page.next;
        return page.items;
      },
      args,
    });
  }

  /** Every row read so far: the first page, then the ones "more" appended. */
  get rows(): T[] {
    return [...(this.first.value ?? []), ...this.more];
  }

  /** Reads the list again from its first page. */
  reload(): Promise<void> {
    return this.first.run();
  }

  /** Appends the next page; a failure is the caller's to show. */
  async loadMore(): Promise<void> {
    if (this.next === null) return;
    const page = await this.read(this.args(), this.next);
    this.more = [...this.more, ...page.items];
    this.next = page.next;
    this.host.requestUpdate();
  }
}
