// Placeholder until the llamacpp backend lands.
import { UserError } from "../../util/errors.js";
import type { Detector, DetectorOptions } from "../Detector.js";

export async function createLlamaCppDetector(_spec: string, _options: DetectorOptions): Promise<Detector> {
  throw new UserError("the llamacpp backend is not built yet");
}
