import type { Services } from '../../services';
import { statusIcon } from '../../shared/papers';

export interface SimilarPick {
  id: string;
  label: string;
  description: string;
  detail: string;
}

/**
 * The papers most like `id`, as the quick pick lists them: the paper's status and title, the
 * words both papers share, and the digest it is in. The list the card shows, in the same order.
 */
export function similarItems(services: Pick<Services, 'index' | 'store' | 'similar'>, id: string): SimilarPick[] {
  const items: SimilarPick[] = [];
  for (const found of services.similar.similar(id)) {
    const entry = services.index.paper(found.id);
    if (!entry) continue;
    const status = services.store.get(found.id)?.status ?? 'unread';
    const digest = services.index.digest(entry.paper.source.uri)?.name;
    items.push({
      id: found.id,
      // Titles are the digest's text: no $(icon) syntax of theirs is read as an icon.
      label: `$(${statusIcon[status]}) ${entry.paper.title.replace(/\$\(/g, '$\u200b(')}`,
      description: found.shared.join(', '),
      detail: digest ?? '',
    });
  }
  return items;
}
