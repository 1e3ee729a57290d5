import type { PaperIndex } from '../../src/core';
import type { PaperIndexService } from '../../src/services';

/**
 * The library service over a core PaperIndex, already scanned and shown, with no changes
 * to tell of. `onWalk` hears each call for every paper, for tests that count walks.
 */
export function fakeLibrary(index: PaperIndex, onWalk?: () => void): PaperIndexService {
  const service = {
    ready: () => Promise.resolve(),
    shown: () => Promise.resolve(),
    papers: () => {
      onWalk?.();
      return index.papers();
    },
    paper: (id: string) => index.paper(id),
    digest: (uri: string) => index.digest(uri),
    onDidChange: () => ({ dispose: () => undefined }),
  };
  return service as unknown as PaperIndexService;
}
