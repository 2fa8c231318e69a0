// The request slots of the discrete-event engine (des-engine.ts): a request or call in flight
// is an index into these arrays (struct of arrays), taken from and given back to a free list, so
// no object is created per request. The arrays double when every slot is taken.
export class RequestSlots {
  protected cap = 1024;
  protected jNode = new Int32Array(this.cap);
  protected jParent = new Int32Array(this.cap);
  protected jPending = new Int32Array(this.cap);
  protected jPos = new Int32Array(this.cap);
  protected jNext = new Int32Array(this.cap);
  protected jFlags = new Uint8Array(this.cap);
  protected jArrive = new Float64Array(this.cap);
  protected jStart = new Float64Array(this.cap);
  /** Sequence number of a call's arrival while it waits in a connection's FIFO. */
  protected jSeq = new Float64Array(this.cap);
  protected free = new Int32Array(this.cap);
  protected freeTop = 0;
  protected used = 0;

  protected alloc(): number {
    if (this.freeTop > 0) return this.free[--this.freeTop];
    if (this.used === this.cap) this.grow();
    return this.used++;
  }

  private grow(): void {
    const cap = this.cap * 2;
    const g = <T extends Int32Array | Uint8Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    this.jNode = g(this.jNode);
    this.jParent = g(this.jParent);
    this.jPending = g(this.jPending);
    this.jPos = g(this.jPos);
    this.jNext = g(this.jNext);
    this.jFlags = g(this.jFlags);
    this.jArrive = g(this.jArrive);
    this.jStart = g(this.jStart);
    this.jSeq = g(this.jSeq);
    this.free = g(this.free);
    this.cap = cap;
  }
}
