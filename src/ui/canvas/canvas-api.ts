// What the rest of the UI may ask of the canvas, without importing the canvas library.
export interface CanvasApi {
  /**
   * Fits the design in view, animated over `duration` ms (0: at once). It never zooms in past
   * life size unless `closeUp` (presentation), which allows up to the canvas's own limit.
   */
  fitView(duration?: number, closeUp?: boolean): void;
  /**
   * Frames a design just opened, at once: fitted whole, or when it is too large to read whole, at
   * a readable zoom on its sources (opening-view.ts).
   */
  openView(): void;
  viewportCenter(): { x: number; y: number };
  screenToFlow(p: { x: number; y: number }): { x: number; y: number };
  setViewport(v: { x: number; y: number; zoom: number }): void;
  getViewport(): { x: number; y: number; zoom: number };
  /**
   * Brings a component or connection into view and focuses it: centred when `centre`, else panned
   * only when it is not already in full view (reveal.ts).
   */
  reveal(id: string, centre: boolean): void;
  /** Focuses the selected component or connection, else the first component; false when there is none. */
  focus(): boolean;
}
