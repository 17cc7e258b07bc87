import { describe, expect, it } from 'vitest';
import { DEMO_CATEGORIES } from '../categories.ts';
import { drawSlots, fill } from '../issue-slots.ts';
import { mulberry32 } from '../prng.ts';
import { handlingUnitKeys, unitKey } from '../units.ts';
import { categoryText } from './index.ts';

describe('issue texts', () => {
  it('has texts for every category, each template filling all its slots', () => {
    const slots = drawSlots(mulberry32(1), '区发改委');
    for (const { code } of DEMO_CATEGORIES) {
      const text = categoryText(code);
      expect(text.templates.length).toBeGreaterThanOrEqual(5);
      expect(text.milestones.length).toBeGreaterThanOrEqual(2);
      for (const t of text.templates) {
        expect((t.milestones ?? text.milestones).length).toBeGreaterThanOrEqual(2);
        for (const s of [t.title, t.description, t.answer, t.wayForward]) expect(fill(s, slots)).not.toMatch(/[{}]/);
      }
    }
  });

  it('leads every template with a handling unit', () => {
    const handling = new Set(handlingUnitKeys());
    for (const { code } of DEMO_CATEGORIES) {
      const text = categoryText(code);
      for (const t of text.templates) expect(handling.has(unitKey(t.unit ?? text.unit))).toBe(true);
    }
  });

  it('says "cannot" only with a way forward: every negative answer names the unit doing something', () => {
    for (const { code } of DEMO_CATEGORIES) {
      for (const t of categoryText(code).templates) expect(t.wayForward).toMatch(/不能.*；\{unit\}/);
    }
  });

  it('rejects a slot it does not know', () => {
    expect(() => fill('{nope}', {})).toThrow(/nope/);
  });
});
