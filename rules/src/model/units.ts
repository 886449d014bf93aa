import { z } from 'zod';

/** Feet to metres, exact by definition (international foot). */
export const FT_TO_M = 0.3048;

export const LengthUnit = z.enum(['m', 'ft']).meta({ id: 'LengthUnit' });
export type LengthUnit = z.infer<typeof LengthUnit>;

/** Vertical reference: above ground level or above mean sea level. */
export const AltitudeRef = z.enum(['AGL', 'AMSL']).meta({ id: 'AltitudeRef' });
export type AltitudeRef = z.infer<typeof AltitudeRef>;

export const Length = z
  .object({ value: z.number().finite().nonnegative(), unit: LengthUnit })
  .meta({ id: 'Length', description: 'A horizontal length with its unit.' });
export type Length = z.infer<typeof Length>;

export const Altitude = z
  .object({ value: z.number().finite(), unit: LengthUnit, ref: AltitudeRef })
  .meta({ id: 'Altitude', description: 'A height or altitude, always with unit and vertical reference.' });
export type Altitude = z.infer<typeof Altitude>;

export const MassUnit = z.enum(['g', 'kg']);
export const Mass = z.object({ value: z.number().finite().nonnegative(), unit: MassUnit }).meta({ id: 'Mass' });
export type Mass = z.infer<typeof Mass>;

export const SpeedUnit = z.enum(['km/h', 'm/s', 'kt']);
/** Far beyond any small unmanned aircraft: a sanity bound, so that a typo such as 1e300 is refused, not judged. */
export const MAX_SPEED_KMH = 1000;
const KMH_PER: Readonly<Record<z.infer<typeof SpeedUnit>, number>> = { 'km/h': 1, 'm/s': 3.6, kt: 1.852 };

export const Speed = z
  .object({ value: z.number().finite().nonnegative(), unit: SpeedUnit })
  .superRefine((s, ctx) => {
    const factor = KMH_PER[s.unit];
    if (factor !== undefined && s.value * factor > MAX_SPEED_KMH)
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `speed ${s.value} ${s.unit} is out of range (at most ${MAX_SPEED_KMH} km/h, far beyond any SUA)`,
      });
  })
  .meta({ id: 'Speed' });
export type Speed = z.infer<typeof Speed>;

export const MoneyHKD = z
  .object({ value: z.number().finite().nonnegative(), unit: z.literal('HKD') })
  .meta({ id: 'MoneyHKD' });
export type MoneyHKD = z.infer<typeof MoneyHKD>;

export function lengthToMetres(l: { value: number; unit: LengthUnit }): number {
  return l.unit === 'ft' ? l.value * FT_TO_M : l.value;
}

export function massToKg(m: Mass): number {
  return m.unit === 'g' ? m.value / 1000 : m.value;
}

export function speedToKmh(s: Speed): number {
  if (s.unit === 'm/s') return s.value * 3.6;
  if (s.unit === 'kt') return s.value * 1.852;
  return s.value;
}

/** A measured or limiting quantity in a finding: a number and the unit it is expressed in. */
export const Quantity = z.object({ value: z.number(), unit: z.string() }).meta({ id: 'Quantity' });
export type Quantity = z.infer<typeof Quantity>;
