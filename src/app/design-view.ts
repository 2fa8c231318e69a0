// The model's values the UI reads directly: node kinds, sizes, text limits and the text rules the
// fields echo. Plain re-exports: the UI imports the model's types itself, but its values come
// through the app layer (docs/architecture.md).
export { GROUP_KIND, NOTE_KIND } from '../model/design';
export { COMPONENT_SIZE, nodeSize } from '../model/geometry';
export { EDGE_DEFAULTS, TEXT_LIMITS } from '../model/rules';
export { cleanText, codePointLength, cutText } from '../model/text';
export { serviceTime } from '../model/service-time';
export { absolutePosition } from '../model/commands';
