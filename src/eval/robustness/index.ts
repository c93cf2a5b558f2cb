// Robustness: meaning-preserving edits of dataset records and the verdict flip rate they cause.
export { EDIT_KINDS, type EditKind, type EditedRecord, type TextEdit, type EditContext, type Transform } from "./editKinds.js";
export { buildRobustnessSet, editRecord, TRANSFORMS, type RobustnessSet, type RobustnessSetOptions } from "./buildRobustnessSet.js";
export { flipRates, formatFlipTable, type FlipRow, type FlipExample } from "./flipRates.js";
export { renameLocals } from "./renameLocals.js";
export { safetyComments, SAFETY_CLAIMS } from "./safetyComments.js";
export { deadCode } from "./deadCode.js";
export { reformat } from "./reformat.js";
export { applyTextEdits, remapLines } from "./textEdits.js";
