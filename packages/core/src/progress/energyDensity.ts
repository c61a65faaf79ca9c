import { checkNumber, checkObject } from '../_check';
import { HALL } from './hall/_params';

/**
 * Energy stored in (or released by) a change of body weight, kcal, when the change follows
 * Forbes' body-composition curve: along it the lean share of a small change is p = 10.4 / (10.4
 * + F) (F = fat mass, kg), so lean mass moves by 10.4·ln(F₁/F₀) while fat moves from F₀ to F₁.
 * The energy is ρF·ΔF + ρL·ΔL with ρF = 9,441 kcal/kg and ρL = 1,816 kcal/kg (39.5 and
 * 7.6 MJ/kg). It therefore depends on the direction and the size of the change and on how much
 * fat there is: about 7,200 kcal/kg for a small change at 25 kg of fat; 7,180 kcal/kg for a
 * 1 kg loss but 7,220 kcal/kg for a 1 kg gain (the fat share rises with fat mass); 6,950 kcal/kg
 * over a 10 kg loss; 5,510 kcal/kg for a 1 kg loss at 10 kg of fat (more of it is lean tissue).
 *
 * References: Forbes GB. Lean body mass–body fat interrelationships in humans. Nutr Rev
 * 1987;45:225–231; Hall KD. What is the required energy deficit per unit weight loss? Int J Obes
 * 2008;32:573–576 (this integrated form, and why 7,700 kcal/kg overstates it). Glycogen and
 * water shifts (the fast first kilograms of a diet) are not in it.
 *
 * @param input.fatKg fat mass at the start, kg (0.5–300)
 * @param input.changeKg weight change, kg (negative = loss), |change| < fat mass
 * @returns kcal (negative for a loss)
 * @throws {NexFitraError} naming the field
 * @example Math.round(weightChangeEnergy({ fatKg: 25, changeKg: -1 })) // -7178
 */
export function weightChangeEnergy(input: { readonly fatKg: number; readonly changeKg: number }): number {
  const fn = 'weightChangeEnergy';
  const o = checkObject(fn, 'input', input);
  const f0 = checkNumber(fn, 'fatKg', o['fatKg'], { min: 0.5, max: 300, unit: 'kg' });
  const dw = checkNumber(fn, 'changeKg', o['changeKg'], { min: -0.9 * f0, max: 200, unit: 'kg' });
  return changeEnergy(f0, dw);
}

/** @internal {@link weightChangeEnergy} without the checks. */
export function changeEnergy(f0: number, dw: number): number {
  if (dw === 0) return 0;
  const c = HALL.forbesKg;
  // Solve F1 − F0 + c·ln(F1/F0) = dw for F1 by Newton's method (monotone, converges in a few steps).
  let f1 = Math.max(f0 + (dw * f0) / (f0 + c), 1e-6);
  for (let i = 0; i < 30; i++) {
    const g = f1 - f0 + c * Math.log(f1 / f0) - dw;
    const step = g / (1 + c / f1);
    f1 = Math.max(f1 - step, 1e-9);
    if (Math.abs(step) < 1e-12) break;
  }
  const dF = f1 - f0;
  return HALL.rhoF * dF + HALL.rhoL * (dw - dF);
}
