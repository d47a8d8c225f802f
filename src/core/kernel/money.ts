// Money is held in integer cents everywhere; euros appear only at the edges (input and display).

declare const centsBrand: unique symbol;
export type Cents = number & { readonly [centsBrand]: true };

export function cents(value: number): Cents {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Cents must be a safe integer: ${value}`);
  return value as Cents;
}

export function eurosToCents(euros: number): Cents {
  return cents(Math.round(euros * 100));
}

const formatter = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' });

export function formatEuro(value: Cents | number): string {
  return formatter.format(value / 100);
}
