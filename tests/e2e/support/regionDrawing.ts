/**
 * Drawing a region of interest in a browser test, as a person does: points
 * at fractions of the frame, a mouse drag on a desktop, a finger's drag on a
 * phone's touch screen (Chrome DevTools touch events, in small moves as a
 * finger sends them), and the stored region compared within a finger's error.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

type Point = { x: number; y: number };
export type Touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', at?: Point) => Promise<unknown>;

/** A point at fractions of the frame, in the viewport's CSS pixels. */
export async function pointOn(stage: Locator, fx: number, fy: number): Promise<Point> {
  const box = await stage.boundingBox();
  if (box === null) throw new Error('the frame is not shown');
  return { x: box.x + fx * box.width, y: box.y + fy * box.height };
}

/** One finger on the page's touch screen (the page's context made with `touch: true`). */
export async function touchScreen(page: Page): Promise<Touch> {
  const cdp = await page.context().newCDPSession(page);
  return (type, at) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: at === undefined ? [] : [{ x: at.x, y: at.y, radiusX: 4, radiusY: 4, force: 1, id: 1 }] });
}

export async function dragWithFinger(touch: Touch, from: Point, to: Point): Promise<void> {
  await touch('touchStart', from);
  for (let step = 1; step <= 10; step++) await touch('touchMove', { x: from.x + ((to.x - from.x) * step) / 10, y: from.y + ((to.y - from.y) * step) / 10 });
  // A finger drawing a box rests at its corner before it lifts. Lifted at full speed instead, Chromium
  // takes the drag for a fling, and the next tap (on Save) only stops the fling and never clicks.
  await new Promise((resolve) => setTimeout(resolve, 150));
  await touch('touchEnd');
}

export async function dragWithMouse(page: Page, from: Point, to: Point): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
}

/** Within two pixels of a phone's frame (about 190 px high), where a finger's point lands. */
export function expectRegion(actual: Region | null | undefined, expected: Region): void {
  expect(actual).toBeTruthy();
  for (const side of ['x', 'y', 'width', 'height'] as const) expect(Math.abs((actual?.[side] ?? Number.NaN) - expected[side])).toBeLessThanOrEqual(0.011);
}
