// Placeholder until the embedded backend lands.
import { UserError } from "../../util/errors.js";
import type { Detector, DetectorOptions } from "../Detector.js";

export async function createEmbeddedDetector(_spec: string, _options: DetectorOptions): Promise<Detector> {
  throw new UserError("the embedded backend is not built yet");
}
