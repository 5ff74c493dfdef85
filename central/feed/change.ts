// One row of a database's `_changes` feed (style=all_docs: every leaf revision), as the feed's
// jobs and its pending work see it.
export interface Change { id: string; seq: string; changes: Array<{ rev: string }>; deleted?: boolean }
