/**
 * The last text seen in one field, to store one string where consecutive events repeat a value.
 *
 * Every stored row keeps its values alive, and the garbage collector copies each of them out of the young
 * generation: with rows held in memory, that copying is most of the per-event cost. A device sends the same
 * vendor, product, version, action and labels event after event; keeping the instance seen last, and handing it out
 * when the next value is equal, lets the new copy die young. Comparing costs little: strings of different lengths
 * differ at once.
 */
export class RecentText {
  private last = '';

  /** `text`, or an equal string seen last. */
  public reuse(text: string): string {
    if (text === this.last) {
      return this.last;
    }
    this.last = text;
    return text;
  }
}
