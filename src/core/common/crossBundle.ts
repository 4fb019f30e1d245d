// The extension is several bundles (dist/extension.js and the feature bundles it loads on first use: restore.js,
// compliance.js, push.js, …), and each bundle has its own copy of every class it uses. An error thrown by the
// client in dist/extension.js is then not `instanceof` the AtlasApiError of dist/push.js, and a check such as
// mayHaveReachedAtlas would quietly answer "no" — the one answer that must never be wrong, since it is what stops a
// write being tried again after it may have changed Atlas. A branded class is recognised across copies: each copy
// marks its prototype with a symbol from the global registry (`Symbol.for`, shared by every bundle in the process),
// and `instanceof` looks for that mark instead of the prototype chain. Subclasses keep their meaning: a subclass
// branded under its own id carries its own mark and every ancestor's, through its prototype chain.

const marks = new WeakMap<object, symbol>();

/** The mark of a branded class, for tests. */
export function brandOf(cls: object): symbol | undefined {
  return marks.get(cls);
}

/**
 * Makes `instanceof cls` true for instances of every copy of `cls` branded with the same `id` (a stable name, the
 * same in every bundle: never derived from `cls.name`, which minification changes). A subclass that is not branded
 * itself is checked the ordinary way.
 */
export function brandClass(cls: abstract new (...args: never[]) => object, id: string): void {
  const mark = Symbol.for(`atlas-backup.class.${id}`);
  marks.set(cls, mark);
  Object.defineProperty(cls.prototype, mark, { value: true });
  Object.defineProperty(cls, Symbol.hasInstance, {
    value(this: unknown, value: unknown): boolean {
      if (this !== cls) return Function.prototype[Symbol.hasInstance].call(this, value);
      return (
        (typeof value === 'object' || typeof value === 'function') &&
        value !== null &&
        (value as Record<symbol, unknown>)[mark] === true
      );
    },
  });
}
