// What the schema of a settings document cannot say, pure: settings:sync's back-off ceiling may
// not be below its floor. Thrown as the schema's own refusals are (VALIDATION_FAILED naming
// the field), so the console shows it next to that field.
import { ProntoError } from '../../validators/index.js';

export function checkSettingsValue(key: string, value: unknown): void {
  if (key !== 'sync' || value === null || typeof value !== 'object') return;
  const { retryMinMs, retryMaxMs } = value as { retryMinMs?: unknown; retryMaxMs?: unknown };
  const min = typeof retryMinMs === 'number' ? retryMinMs : 1000;
  if (typeof retryMaxMs === 'number' && retryMaxMs < min) {
    throw new ProntoError('VALIDATION_FAILED', `settings/value/retryMaxMs must be >= retryMinMs (${min})`, { type: 'settings', field: 'value/retryMaxMs' });
  }
}
