// The tills page's words: Spanish (Mexico) first, English typed by its keys.
export const tillsEs = {
  'tills.title': 'Cajas y rechazos',
} as const;

export const tillsEn: Record<keyof typeof tillsEs, string> = {
  'tills.title': 'Tills and refusals',
};
