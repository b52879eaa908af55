import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

/** Drags the sash at the sidebar's edge until the sidebar is `width` px wide. */
export async function setSidebarWidth(page: Page, width: number): Promise<void> {
  const sidebar = page.locator('.part.sidebar');
  for (let attempt = 0; attempt < 4; attempt++) {
    const box = await sidebar.boundingBox();
    assert.ok(box, 'the sidebar is shown');
    if (Math.abs(box.width - width) <= 1) return;
    const edge = box.x + box.width;
    // The sash that sits on the sidebar's right edge.
    const sash = await page.evaluate((x) => {
      for (const element of document.querySelectorAll('.monaco-sash.vertical')) {
        const r = element.getBoundingClientRect();
        if (r.width > 0 && r.height > 100 && Math.abs(r.left + r.width / 2 - x) <= 4) return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }
      return undefined;
    }, edge);
    assert.ok(sash, `no sash at x=${edge}`);
    await page.mouse.move(sash.x, sash.y);
    await page.mouse.down();
    await page.mouse.move(sash.x + (width - box.width) / 2, sash.y, { steps: 5 });
    await page.mouse.move(sash.x + (width - box.width), sash.y, { steps: 5 });
    await page.mouse.up();
  }
  const box = await sidebar.boundingBox();
  assert.ok(box && Math.abs(box.width - width) <= 2, `the sidebar is ${box?.width} px wide, not ${width}`);
}
