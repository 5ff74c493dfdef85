// The settings page's words: Spanish (Mexico) first, English typed by its keys.
export const settingsEs = {
  'settings.title': 'Configuración',
} as const;

export const settingsEn: Record<keyof typeof settingsEs, string> = {
  'settings.title': 'Settings',
};
