// Placeholder until the openai backend lands.
import { UserError } from "../../util/errors.js";
import type { Detector, DetectorOptions } from "../Detector.js";

export async function createOpenAIDetector(_spec: string, _options: DetectorOptions): Promise<Detector> {
  throw new UserError("the openai backend is not built yet");
}
