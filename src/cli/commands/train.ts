// `cwescope train --data F [--val F] --out DIR`: train the embedded model (seeded, CPU, seconds).
import type { Command } from "commander";
import { DEFAULT_MAX_FPR, trainEmbedded } from "../../train/trainEmbedded.js";
import { FEATURE_SETS, type FeatureSet } from "../../models/embedded/EmbeddedModel.js";
import { checkOutputDir } from "../../util/atomicWrite.js";
import { CliError, EXIT } from "../errors.js";
import { optionalIntOption } from "../intOption.js";
import { action, type ProgramState } from "../program.js";

interface TrainOpts {
  data: string;
  val?: string;
  out: string;
  seed: string;
  features: string;
  epochs?: string;
  maxFpr: string;
}

export function registerTrain(program: Command, state: ProgramState): void {
  program
    .command("train")
    .description("train the embedded model on dataset JSONL (language-neutral view; a calibrated score per sink candidate)")
    .requiredOption("--data <file>", "training records (JSONL), e.g. data/python/train.jsonl")
    .option("--val <file>", "held-out records scored for the manifest (L2 and calibration come from cross-validation on --data)")
    .requiredOption("--out <dir>", "output folder; model.json is written there")
    .option("--seed <n>", "random seed", "1")
    .option("--features <set>", `representation: ${FEATURE_SETS.join(" | ")}`, "view")
    .option("--epochs <n>", "passes over the data (default 60)")
    .option("--max-fpr <x>", "operating point: the threshold with the best cross-validated MCC whose cross-validated false-positive rate stays at or below x", String(DEFAULT_MAX_FPR))
    .action(
      action(state, async (ctx, opts: TrainOpts) => {
        const seed = Number(opts.seed);
        if (!Number.isInteger(seed)) throw new CliError(`--seed must be an integer (got "${opts.seed}")`);
        if (!(FEATURE_SETS as readonly string[]).includes(opts.features)) throw new CliError(`--features must be one of ${FEATURE_SETS.join(", ")}`);
        const epochs = optionalIntOption(opts.epochs, "--epochs");
        const maxFpr = Number(opts.maxFpr);
        if (!(maxFpr > 0 && maxFpr <= 1)) throw new CliError(`--max-fpr must be in (0, 1] (got "${opts.maxFpr}")`);
        checkOutputDir(opts.out, "--out");
        const started = performance.now();
        const result = await trainEmbedded(
          { data: opts.data, val: opts.val, out: opts.out, seed, features: opts.features as FeatureSet, epochs, maxFpr },
          (m) => ctx.log.info(m),
        );
        const fmt = (x: number) => x.toFixed(3);
        const v = result.valMetrics;
        ctx.log.info(`trained in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        ctx.stdout.write(
          `wrote ${result.file}\n` +
            `train: F1 ${fmt(result.trainMetrics.f1)}  MCC ${fmt(result.trainMetrics.mcc)}\n` +
            (v ? `val:   F1 ${fmt(v.f1)}  MCC ${fmt(v.mcc)}  FPR ${fmt(v.fpr)}  CWE-exact ${fmt(v.cwe_exact_accuracy)}\n` : ""),
        );
        return EXIT.ok;
      }),
    );
}
