/** A size as a person reads it ("912 B", "3.4 MB"), in their locale; decimal units, as Vercel's dashboard shows them. */
export function formatBytes(bytes: number, locale?: string): string {
  if (bytes < 1000) {
    // Intl spells a byte out ("33 byte"); the symbol reads as every other size does.
    return `${formatNumber(bytes, locale)} B`;
  }
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const options: Intl.NumberFormatOptions = { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 || value >= 100 ? 0 : 1 };
  try {
    return new Intl.NumberFormat(locale ? [locale] : [], options).format(value);
  } catch {
    return new Intl.NumberFormat([], options).format(value);
  }
}

function formatNumber(value: number, locale?: string): string {
  try {
    return new Intl.NumberFormat(locale ? [locale] : []).format(value);
  } catch {
    return new Intl.NumberFormat([]).format(value);
  }
}
