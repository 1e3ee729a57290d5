import * as assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import { openWorkbench, UI_TIMEOUT, waitUntil, type Workbench } from './harness';

// The README's screenshot, as its alt text reads.
const README_IMAGE = 'The Papers view and a digest in the editor';

suite('package: the installed extension\'s details page', () => {
  let workbench: Workbench;

  suiteSetup(async () => {
    workbench = await openWorkbench();
  });

  suiteTeardown(async () => {
    await workbench?.close();
  });

  test('shows the README with its screenshot, read from the installed extension (no network)', async () => {
    await workbench.runCommand('Extensions: Show Enabled Extensions');
    const entry = workbench.sidebar().locator('.extension-list-item', { hasText: 'Paper Digest Reader' }).first();
    await entry.waitFor({ timeout: UI_TIMEOUT });
    await entry.click();
    const details = workbench.page.locator('.extension-editor');
    await details.locator('.name', { hasText: 'Paper Digest Reader' }).waitFor({ timeout: UI_TIMEOUT });
    const readme = workbench.webview();
    const image = readme.locator(`img[alt="${README_IMAGE}"]`);
    await image.waitFor({ timeout: UI_TIMEOUT });
    // The image must have loaded: a broken link leaves naturalWidth at 0.
    const size = await waitUntil(async () => {
      const natural = await image.evaluate((img: HTMLImageElement) => (img.complete ? { width: img.naturalWidth, height: img.naturalHeight, src: img.src } : undefined));
      return natural && natural.width > 0 ? natural : undefined;
    }, 'the README image to load');
    assert.ok(size.width >= 800, `the screenshot is shown at its size: ${JSON.stringify(size)}`);
    // The details page admits only https: and data: images: the packaged README carries it inline.
    assert.match(size.src, /^data:image\/webp;base64,/, `the image is the one packaged in the README: ${size.src.slice(0, 80)}`);
    await image.scrollIntoViewIfNeeded();
    await workbench.screenshot('package-details-page');
  });
});
