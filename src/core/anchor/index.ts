/** Annotation anchors: creating them, finding them again after edits, and where each falls in a digest. */
export { createAnchor, reanchor, reanchorAll, newAnchorWork, ANCHOR_CONFIDENCE_THRESHOLD } from './anchor';
export type { AnchorResult, AnchorMethod, AnchorWork } from './anchor';
export { ANCHOR_CONTEXT_LENGTH } from './anchor-context';
export { paperFields, fieldOfRange, comparePositions } from './field-offsets';
export type { FieldName, DocPosition, Bias, FieldMap, LineSource } from './field-offsets';
export type { PaperFields as PaperFieldMaps } from './field-offsets';
export { placeAnnotations, place, anchorsInPaper, sameAnchor } from './placement';
export type { Placed, Orphan, Placement } from './placement';
