// The drag-and-drop payload type of a palette item: the component kind as text.
export const PALETTE_MIME = 'application/x-mlsd-kind';
