// The settings an admin edits from the console: settings:pos and settings:sync (settings-store),
// and what a conflict policy would do to the conflicts now waiting (preview-pending).
export { createSettingsStore, EDITABLE_KEYS, type EditableKey, type SettingsStore, type SettingsChange } from './settings-store.js';
export { checkSettingsValue } from './check-settings.js';
export { previewOutcome, type PolicyOutcome } from './preview-outcome.js';
export { previewPending, MAX_PREVIEW, type PreviewPage, type PreviewRow } from './preview-pending.js';
