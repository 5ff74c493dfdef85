// The feed page's words: Spanish (Mexico) first, English typed by its keys.
export const feedEs = {
  'feed.title': 'Cambios en vivo',
} as const;

export const feedEn: Record<keyof typeof feedEs, string> = {
  'feed.title': 'Live changes',
};
