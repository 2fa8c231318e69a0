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
}
