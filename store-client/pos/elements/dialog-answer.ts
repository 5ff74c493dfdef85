// The one pending answer of a modal dialog: wait() hands out the promise (settling any earlier
// one as cancelled), answer() settles it once; later answers are ignored (the dialog's `close`
// event always answers, so a value given just before closing wins over its "cancelled").
export class DialogAnswer<T> {
  private settle: ((value: T | undefined) => void) | undefined;

  wait(): Promise<T | undefined> {
    this.answer(undefined);
    return new Promise((resolve) => (this.settle = resolve));
  }

  answer(value: T | undefined): void {
    const settle = this.settle;
    this.settle = undefined;
    settle?.(value);
  }
}
