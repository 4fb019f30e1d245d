// The base every long-lived object of the VS Code layer extends: what it registers is disposed with it, in reverse
// order, exactly once. No vscode import (only the shape `{ dispose(): void }`), so plain Node can test it.

export interface DisposableLike {
  dispose(): void;
}

export abstract class Disposable implements DisposableLike {
  private readonly toDispose: DisposableLike[] = [];
  private disposed = false;

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  /** Keeps `d` until this object is disposed (or disposes it at once when this one already is); returns `d`. */
  protected _register<T extends DisposableLike>(d: T): T {
    if (this.disposed) d.dispose();
    else this.toDispose.push(d);
    return d;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.toDispose.splice(0).reverse()) d.dispose();
  }
}
