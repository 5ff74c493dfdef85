// The accounts page's words: Spanish (Mexico) first, English typed by its keys.
export const accountsEs = {
  'accounts.title': 'Dispositivos y cuentas',
} as const;

export const accountsEn: Record<keyof typeof accountsEs, string> = {
  'accounts.title': 'Devices and accounts',
};
