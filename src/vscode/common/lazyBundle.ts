// The extension's features that activation does not need are built as bundles of their own beside dist/extension.js
// (esbuild.js lists them; .vscodeignore ships them) and required the first time one of their commands runs, so
// activation neither reads nor compiles them. Their registrations stay in the extension bundle, thin: the command is
// there from the start, its implementation arrives on first use. Classes checked with `instanceof` across a bundle
// boundary are branded (src/core/common/crossBundle.ts): each bundle has its own copy.

export interface LazyBundle<M> {
  /** The bundle, required the first time. */
  (): M;
  /** The bundle if something has loaded it already (never loads it). */
  ifLoaded(): M | undefined;
}

/** A loader of dist/<file>. `M` is the type of the bundle's entry module. */
export function lazyBundle<M>(file: string): LazyBundle<M> {
  let loaded: M | undefined;
  const load = (): M => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file of our own, loaded only when used
    loaded ??= require(`${__dirname}/${file}`) as M;
    return loaded;
  };
  return Object.assign(load, { ifLoaded: () => loaded });
}
