// The strings of package.json a reader sees, and their move into package.nls.json.
//
// VS Code replaces every "%key%" value of the manifest with package.nls.json's (or
// package.nls.<language>.json's) message for that key. convertManifest gives each literal a
// stable key made from where it stands (the command, view or setting it belongs to), so
// running it again after new contributions were added converts only the new literals.

/** Manifest properties whose string (or array of strings) is shown to the reader. */
const TEXT_FIELDS = new Set([
  'title', 'shortTitle', 'category', 'description', 'markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions',
  'enumItemLabels', 'deprecationMessage', 'markdownDeprecationMessage', 'contextualTitle', 'label', 'contents', 'displayName', 'altText',
]);

/** Subtrees of `contributes` that hold identifiers, patterns, paths or values, never prose. */
const SKIPPED = new Set(['menus', 'keybindings', 'languages', 'grammars', 'semanticTokenScopes', 'jsonValidation', 'snippets', 'default', 'defaults', 'enum', 'examples', 'const']);

/** The fields that name an element of a contribution array, most specific first. */
const ID_FIELDS = ['id', 'command', 'view', 'submenu', 'language'];

/** `%key%` when the value is a placeholder; undefined for a literal. */
export function placeholderKey(value) {
  const match = /^%([^%\s]+)%$/.exec(value);
  return match ? match[1] : undefined;
}

function slug(text) {
  return text.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'text';
}

/**
 * Every reader-visible string of the manifest, in document order: where it is (`holder[prop]`),
 * its value, and the key it gets when it is a literal.
 */
export function manifestStrings(manifest) {
  const sites = [];
  const add = (holder, prop, key) => {
    if (typeof holder[prop] === 'string') sites.push({ holder, prop, key, value: holder[prop] });
  };
  add(manifest, 'displayName', 'displayName');
  add(manifest, 'description', 'description');
  const trust = manifest.capabilities?.untrustedWorkspaces;
  if (trust) add(trust, 'description', 'capabilities.untrustedWorkspaces.description');
  const virtual = manifest.capabilities?.virtualWorkspaces;
  if (virtual && typeof virtual === 'object') add(virtual, 'description', 'capabilities.virtualWorkspaces.description');

  const walk = (node, path) => {
    if (Array.isArray(node)) {
      node.forEach((element, index) => {
        if (element === null || typeof element !== 'object') return;
        const id = ID_FIELDS.map((field) => element[field]).find((value) => typeof value === 'string');
        walk(element, [...path, id ?? String(index)]);
      });
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [prop, value] of Object.entries(node)) {
      if (SKIPPED.has(prop)) continue;
      if (prop === 'category' && typeof value === 'string') {
        // One key per category name: every command of "Papers" shares it.
        add(node, prop, `category.${slug(placeholderKey(value) ?? value)}`);
      } else if (TEXT_FIELDS.has(prop) || (prop === 'name' && path[0] === 'views')) {
        if (typeof value === 'string') add(node, prop, [...path, prop].join('.'));
        else if (Array.isArray(value)) {
          value.forEach((_, index) => {
            const enumValue = Array.isArray(node.enum) ? node.enum[index] : undefined;
            add(value, index, [...path, prop, typeof enumValue === 'string' ? enumValue : String(index)].join('.'));
          });
        }
      } else if (value !== null && typeof value === 'object') {
        // views.<container> and configuration.properties add nothing a key needs.
        const skipSegment = (path[0] === 'views' && path.length === 1) || prop === 'properties';
        walk(value, skipSegment ? path : [...path, prop]);
      }
    }
  };
  const contributes = manifest.contributes ?? {};
  for (const [section, value] of Object.entries(contributes)) {
    if (SKIPPED.has(section)) continue;
    walk(value, [section === 'configuration' ? 'config' : section]);
  }
  return sites;
}

/**
 * Moves every literal manifest string into the English messages, keeping the keys already in
 * use. Returns the new manifest and messages (the inputs are not changed), the keys added, the
 * keys whose English changed (their translations are out of date), the keys no longer used and
 * the placeholders whose key has no message.
 */
export function convertManifest(manifestIn, messagesIn) {
  const manifest = JSON.parse(JSON.stringify(manifestIn));
  const old = { ...messagesIn };
  const sites = manifestStrings(manifest);
  const used = new Set(sites.map((site) => placeholderKey(site.value)).filter((key) => key !== undefined));
  const messages = { ...old };
  const added = [];
  const changed = [];
  for (const site of sites) {
    if (placeholderKey(site.value) !== undefined) continue;
    let key = site.key;
    // A key another string already uses gets a number; an unused key is (re)claimed.
    for (let n = 2; used.has(key) && messages[key] !== site.value; n++) key = `${site.key}.${n}`;
    if (messages[key] === undefined) added.push(key);
    else if (messages[key] !== site.value) changed.push(key);
    messages[key] = site.value;
    used.add(key);
    site.holder[site.prop] = `%${key}%`;
  }
  // The messages in the manifest's order, so related strings stand together.
  const ordered = {};
  const missing = [];
  for (const site of manifestStrings(manifest)) {
    const key = placeholderKey(site.value);
    if (key === undefined || key in ordered) continue;
    if (messages[key] === undefined) missing.push(key);
    else ordered[key] = messages[key];
  }
  const removed = Object.keys(old).filter((key) => !(key in ordered));
  return { manifest, messages: ordered, added, changed, removed, missing };
}
