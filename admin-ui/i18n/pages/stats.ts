// The stats page's words: Spanish (Mexico) first, English typed by its keys.
export const statsEs = {
  'stats.title': 'Estadísticas',
} as const;

export const statsEn: Record<keyof typeof statsEs, string> = {
  'stats.title': 'Statistics',
};
