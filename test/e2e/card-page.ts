// The paper card as the UI tests see it in the browser: its frame and the files it writes.
import type { Frame, FrameLocator } from 'playwright-core';
import { waitUntil, type Workbench } from './harness';

/** The card's document: the webview frame holding `main.card`. */
export function card(workbench: Workbench): FrameLocator {
  return workbench.webview();
}

export async function cardFrame(workbench: Workbench): Promise<Frame> {
  return waitUntil(async () => {
    for (const frame of workbench.page.frames()) {
      if (await frame.locator('main#app.card').count().catch(() => 0)) return frame;
    }
    return undefined;
  }, 'the card webview frame');
}

/** The workspace file's text once it matches `pattern`. */
export async function waitForFile(workbench: Workbench, relative: string, pattern: RegExp): Promise<string> {
  return waitUntil(() => {
    try {
      const text = workbench.readFile(relative);
      return pattern.test(text) ? text : undefined;
    } catch {
      return undefined;
    }
  }, `${relative} to match ${pattern}`);
}
