import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

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

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A title that may carry its keybinding, as VS Code labels actions: "Refresh (Ctrl+R)". */
export function actionName(title: string): RegExp {
  return new RegExp(`^${escapeRegExp(title)}( \\(.*\\))?$`);
}

/** The first row of the Deployments view (any tree in the sidebar) whose text holds `text`. */
export function treeRow(page: Page, text: string): Locator {
  return page.locator('.part.sidebar').getByRole('treeitem').filter({ hasText: text }).first();
}

/** Chooses a menu item of the context menu or "…" menu that is open, the way the journeys do: hover it, then Enter. */
export async function chooseMenuItem(page: Page, title: string): Promise<void> {
  const item = page.getByRole('menuitem', { name: title, exact: true });
  await item.waitFor();
  // The menu acts on a settled pointer: hover first, then choose the focused item.
  await item.hover();
  await page.keyboard.press('Enter');
}

/** Right-clicks a row and chooses `title` from its context menu. */
export async function chooseFromRowMenu(page: Page, row: Locator, title: string): Promise<void> {
  await row.click({ button: 'right' });
  await chooseMenuItem(page, title);
}

/** Clicks one of a row's inline buttons, which show while the pointer is on the row. */
export async function clickInlineAction(row: Locator, title: string): Promise<void> {
  await row.hover();
  const button = row.locator('.actions').getByRole('button', { name: actionName(title) });
  await button.waitFor();
  await button.click();
}

/**
 * Where a view's title actions are shown: the Vercel container holds two
 * views (Deployments, Environment Variables), so each has them in its own
 * pane header; the Deployments view's unless another is named.
 */
export function sidebarTitle(page: Page, view = 'Deployments'): Locator {
  return page.locator('.part.sidebar .pane-header').filter({ has: page.locator('h3.title', { hasText: new RegExp(`^${escapeRegExp(view)}$`, 'i') }) });
}

/** Clicks a view title-bar button by its accessible name. */
export async function clickViewTitleAction(page: Page, title: string, view?: string): Promise<void> {
  const button = sidebarTitle(page, view).getByRole('button', { name: actionName(title) });
  await button.waitFor();
  await button.click();
}

/** Opens the view title bar's "…" menu and chooses `title` there. */
export async function chooseFromViewOverflow(page: Page, title: string, view?: string): Promise<void> {
  await sidebarTitle(page, view).getByRole('button', { name: /More Actions/ }).first().click();
  await chooseMenuItem(page, title);
}
