/**
 * The layout's rules, checked by `npm run lint:deps` (part of `npm test`). docs/architecture.md
 * explains the rooms; each rule's comment says what it protects.
 */
/** The editor's API, whichever way it resolves (its types package, or unresolved in a bundle). */
const VSCODE = ['^vscode$', '(^|/)node_modules/@types/vscode/'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'An import cycle ties modules together so neither can be read, tested or bundled alone.',
      severity: 'error',
      from: { path: '^(src|webview)/' },
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      comment: 'src/core is the pure model: it runs in vitest, the benchmarks, a worker and a web worker, so it never reaches the editor, the disk or a thread.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: VSCODE },
    },
    {
      name: 'core-has-no-node',
      comment: 'src/core runs in a web worker too: no Node built-in module (fs, worker_threads, path, ...).',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-is-pure-of-adapters',
      comment: 'src/core never imports the extension code built on it.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^(src/(?!core/)|webview/)' },
    },
    {
      name: 'core-package-door',
      comment: 'A core package is entered through its index.ts; its other files are its own business.',
      severity: 'error',
      from: { path: '^src/core/([^/]+)/' },
      to: { path: '^src/core/[^/]+/', pathNot: ['^src/core/$1/', '^src/core/[^/]+/index\\.ts$'] },
    },
    {
      name: 'core-door-from-outside',
      comment: 'Code outside src/core reaches it only through src/core/index.ts or a package index.ts (unit tests may test a package from inside).',
      severity: 'error',
      from: { pathNot: ['^src/core/', '^test/unit/'] },
      to: { path: '^src/core/', pathNot: ['^src/core/index\\.ts$', '^src/core/[^/]+/index\\.ts$'] },
    },
    {
      name: 'features-stand-alone',
      comment: 'A feature never imports a sibling feature: what two features share lives in src/shared or reaches them through Services.',
      severity: 'error',
      from: { path: '^src/features/([^/]+)/' },
      to: { path: '^src/features/', pathNot: '^src/features/$1/' },
    },
    {
      name: 'services-through-their-door',
      comment: 'Features and shared code use the services through the Services interfaces (src/services/index.ts), never their implementations.',
      severity: 'error',
      from: { path: '^src/(features|shared)/' },
      to: { path: '^src/services/.+/', pathNot: '^src/services/index\\.ts$' },
    },
    {
      name: 'services-below-features',
      comment: 'Services and shared code sit below the features: they never import one.',
      severity: 'error',
      from: { path: '^src/(services|shared)/' },
      to: { path: '^src/features/' },
    },
    {
      name: 'only-extension-lists-features',
      comment: 'extension.ts is the one place that lists the features.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/extension\\.ts$', '^src/features/'] },
      to: { path: '^src/features/' },
    },
    {
      name: 'unit-tests-without-vscode',
      comment: 'Unit tests run in vitest, where there is no vscode module: adapter logic is tested through narrow interfaces.',
      severity: 'error',
      from: { path: '^test/unit/' },
      to: { path: VSCODE },
    },
    {
      name: 'webview-speaks-protocol',
      comment: 'The webview apps run in a browser: of the extension they know only the message protocol.',
      severity: 'error',
      from: { path: '^webview/' },
      to: { path: '^src/', pathNot: '^src/core/protocol/index\\.ts$' },
    },
    {
      name: 'webview-has-no-host',
      comment: 'The webview apps run in a browser sandbox: no vscode module.',
      severity: 'error',
      from: { path: '^webview/' },
      to: { path: VSCODE },
    },
    {
      name: 'webview-has-no-node',
      comment: 'The webview apps run in a browser sandbox: no Node built-in module.',
      severity: 'error',
      from: { path: '^webview/' },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|out|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
