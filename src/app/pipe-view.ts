// The drawing of a connection the canvas shares with the exported picture and the layout's
// figures (model/pipe-geometry.ts): a plain re-export, since the UI takes the model's values
// through the app layer.
export { ARROW_HALF_WIDTH, ARROW_LENGTH, labelSpot, pipePath, routeOf } from '../model/pipe-geometry';
export type { PipePath } from '../model/pipe-geometry';
