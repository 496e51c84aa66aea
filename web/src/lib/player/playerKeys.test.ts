import { describe, expect, it } from 'vitest';
import { labelZoom, playerAction } from './playerKeys';

describe('player shortcuts', () => {
  it('maps keys to actions and ignores the rest', () => {
    expect(playerAction(' ')).toEqual({ kind: 'toggle' });
    expect(playerAction('ArrowLeft')).toEqual({ kind: 'seek', seconds: -5 });
    expect(playerAction('.')).toEqual({ kind: 'frame', frames: 1 });
    expect(playerAction('3')).toEqual({ kind: 'speed', rate: 2 });
    expect(playerAction('4')).toEqual({ kind: 'speed', rate: 4 });
    expect(playerAction('z')).toEqual({ kind: 'zoom' });
    expect(playerAction('q')).toBeNull();
  });
});

describe('labelZoom', () => {
  it('centres on the label box and scales so it fills about half the frame, within 1.5x–4x', () => {
    expect(labelZoom({ x: 500, y: 250, width: 260, height: 220 }, 1280, 720)).toEqual({ origin: '49.2% 50.0%', scale: 1.6 });
    expect(labelZoom({ x: 0, y: 0, width: 40, height: 40 }, 1280, 720).scale).toBe(4);
    expect(labelZoom({ x: 0, y: 0, width: 10, height: 10 }, 0, 0)).toEqual({ origin: '50% 50%', scale: 1 });
  });
});
