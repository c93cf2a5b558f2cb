// Fine-tuning: export the data in SFT formats, plan LoRA/QLoRA for the hardware, launch the Python trainer.
export * from "./estimateTokens.js";
export * from "./finetuneRecord.js";
export * from "./balanceClasses.js";
export * from "./ExportManifest.js";
export * from "./exportFinetuneData.js";
export * from "./baseModels.js";
export * from "./memoryEstimate.js";
export * from "./timeEstimate.js";
export * from "./Recipe.js";
export * from "./planFinetune.js";
export * from "./formatPlan.js";
export * from "./trainerEvents.js";
export * from "./launchTrainer.js";
export * from "./runPython.js";
export * from "./llamaCppTools.js";
export * from "./convertAdapter.js";
export * from "./accelerateConfig.js";
