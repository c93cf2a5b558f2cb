// `cwescope finetune export|plan|run`: from the dataset to a LoRA/QLoRA adapter that vLLM or llama.cpp can serve.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Command } from "commander";
import {
  accelerateConfigName,
  BALANCE_MODES,
  BASE_MODELS,
  DISTRIBUTED_STRATEGIES,
  writeAccelerateConfig,
  convertAdapter,
  defaultTrainerPython,
  GGUF_OUTTYPES,
  describeTrainerEvent,
  exportFinetuneData,
  FINETUNE_FORMATS,
  formatPlan,
  launchTrainer,
  loadRecipe,
  planFinetune,
  readExportManifest,
  recipePath,
  writeRecipe,
  DEFAULT_FINETUNE_PROMPT,
  type BalanceMode,
  type FinetuneFormat,
  type GgufOuttype,
} from "../../train/finetune/index.js";
import { CliError, EXIT } from "../errors.js";
import { action, type ProgramState } from "../program.js";

interface ExportOpts {
  data: string;
  val?: string;
  format: string;
  prompt: string;
  out: string;
  seed: string;
  balance: string;
  stripComments?: boolean;
  allowLanguage: string[];
}

interface PlanOpts {
  base: string;
  gpus: string;
  gpuMemoryGib: string;
  nodes: string;
  strategy: string;
  method: string;
  export?: string;
  out?: string;
  maxSeqLen?: string;
  rank?: string;
  epochs?: string;
  model?: string;
  gpuTflops?: string;
  mfu?: string;
}

function number(name: string, text: string | undefined, check: (n: number) => boolean = Number.isFinite): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!check(n)) throw new CliError(`${name}: invalid value "${text}"`);
  return n;
}

const positiveInt = (n: number) => Number.isInteger(n) && n > 0;
const positive = (n: number) => Number.isFinite(n) && n > 0;

export function registerFinetune(program: Command, state: ProgramState): void {
  const finetune = program.command("finetune").description("fine-tune Llama with LoRA/QLoRA: export data, plan for your GPUs, run the trainer");

  finetune
    .command("export")
    .description("write SFT examples (chat or alpaca JSONL) rendered with an evaluation prompt, balanced and shuffled, with a manifest")
    .requiredOption("--data <file>", "training records (dataset JSONL), e.g. data/python/train.jsonl")
    .option("--val <file>", "validation records, e.g. data/python/val.jsonl")
    .option("--format <format>", `${FINETUNE_FORMATS.join(" | ")}`, "chat")
    .option("--prompt <id>", "prompt whose template and expected answer the examples use", DEFAULT_FINETUNE_PROMPT)
    .requiredOption("--out <dir>", "output folder (train.jsonl, val.jsonl, manifest.json)")
    .option("--seed <n>", "seed of balancing and shuffling", "1")
    .option("--balance <mode>", `vulnerable vs not vulnerable: ${BALANCE_MODES.join(" | ")}`, "downsample")
    .option("--strip-comments", "remove comments before rendering (when evaluation does)")
    .option("--allow-language <lang>", "accept records in this language too (repeatable); Python only by default", (v: string, prev: string[]) => [...prev, v], [] as string[])
    .action(
      action(state, async (ctx, opts: ExportOpts) => {
        if (!(FINETUNE_FORMATS as readonly string[]).includes(opts.format)) throw new CliError(`--format must be one of ${FINETUNE_FORMATS.join(", ")}`);
        if (!(BALANCE_MODES as readonly string[]).includes(opts.balance)) throw new CliError(`--balance must be one of ${BALANCE_MODES.join(", ")}`);
        const seed = number("--seed", opts.seed, Number.isInteger)!;
        const manifest = await exportFinetuneData({
          data: opts.data,
          val: opts.val,
          out: opts.out,
          format: opts.format as FinetuneFormat,
          prompt: opts.prompt,
          seed,
          balance: opts.balance as BalanceMode,
          stripComments: opts.stripComments ?? false,
          allowLanguages: opts.allowLanguage,
        });
        for (const [name, s] of Object.entries(manifest.splits)) {
          if (!s) continue;
          const balance = s.balance.dropped ? `, ${s.balance.dropped} dropped to balance` : s.balance.added ? `, ${s.balance.added} repeated to balance` : "";
          ctx.stdout.write(
            `${name}: ${s.records} examples (${s.classes.vulnerable} vulnerable, ${s.classes.not_vulnerable} not${balance}); ` +
              `tokens ≈ max ${s.tokens.max}, p95 ${s.tokens.p95}, mean ${s.tokens.mean} → ${join(opts.out, s.file)}\n`,
          );
        }
        ctx.stdout.write(`format ${manifest.format}, prompt ${manifest.prompt.id}; manifest → ${join(opts.out, "manifest.json")}\n`);
        return EXIT.ok;
      }),
    );

  finetune
    .command("plan")
    .description("choose LoRA or QLoRA and hyper-parameters for a base model on your GPUs; estimate memory and time; write a recipe")
    .requiredOption("--base <id>", BASE_MODELS.map((m) => m.id).join(" | "))
    .requiredOption("--gpus <n>", "GPUs per node")
    .option("--nodes <n>", "machines for one `accelerate launch` run (FSDP or DeepSpeed)", "1")
    .option("--strategy <s>", `several GPUs: ${DISTRIBUTED_STRATEGIES.join(" | ")} (one process per GPU, weights sharded) | device-map (one process, blocks spread)`, "fsdp")
    .requiredOption("--gpu-memory-gib <n>", "memory of each GPU in GiB (e.g. 24, 80)")
    .option("--method <method>", "auto | lora | qlora", "auto")
    .option("--export <dir>", "folder written by `finetune export`: sizes max_seq_len, epochs and time, and is what the recipe trains on")
    .option("--out <file>", "recipe to write (default: <export>/recipe-<base>-<method>.yaml; none without --export)")
    .option("--max-seq-len <n>", "override the sequence length measured on the data")
    .option("--rank <n>", "LoRA rank (default 16)")
    .option("--epochs <n>", "epochs (default 3 below 1,000 examples, 2 below 10,000, else 1)")
    .option("--model <id-or-path>", "weights to load (default: the base model's Instruct repository)")
    .option("--gpu-tflops <n>", "bf16 dense TFLOP/s of one GPU for the time estimate (default 312, an A100)")
    .option("--mfu <x>", "model FLOPs utilisation assumed (default 0.35)")
    .action(
      action(state, async (ctx, opts: PlanOpts) => {
        if (!["auto", "lora", "qlora"].includes(opts.method)) throw new CliError(`--method must be auto, lora or qlora`);
        if (![...DISTRIBUTED_STRATEGIES, "device-map"].includes(opts.strategy)) throw new CliError(`--strategy must be one of ${[...DISTRIBUTED_STRATEGIES, "device-map"].join(", ")}`);
        const exported = opts.export ? { dir: opts.export, manifest: await readExportManifest(opts.export) } : undefined;
        const plan = planFinetune({
          base: opts.base,
          gpus: number("--gpus", opts.gpus, positiveInt)!,
          nodes: number("--nodes", opts.nodes, positiveInt)!,
          strategy: opts.strategy as "fsdp" | "deepspeed" | "device-map",
          gpuMemoryGib: number("--gpu-memory-gib", opts.gpuMemoryGib, positive)!,
          method: opts.method as "auto" | "lora" | "qlora",
          export: exported,
          recipeFile: opts.out,
          maxSeqLen: number("--max-seq-len", opts.maxSeqLen, positiveInt),
          rank: number("--rank", opts.rank, positiveInt),
          epochs: number("--epochs", opts.epochs, positive),
          model: opts.model,
          gpuTflops: number("--gpu-tflops", opts.gpuTflops, positive),
          mfu: number("--mfu", opts.mfu, (n) => n > 0 && n <= 1),
        });
        ctx.stdout.write(formatPlan(plan));
        const file = opts.out ?? (exported ? join(exported.dir, `recipe-${plan.model.id}-${plan.method}.yaml`) : undefined);
        if (!file) {
          ctx.log.info("no recipe written: pass --export <dir> (from `cwescope finetune export`) so the recipe knows its data");
          return EXIT.ok;
        }
        if (!exported) throw new CliError("--out needs --export <dir>: a recipe must name the exported data it trains on");
        await writeRecipe(file, plan.recipe, [
          `cwescope fine-tuning recipe for ${plan.model.id} (${plan.method}); written by \`cwescope finetune plan\`.`,
          "Paths are relative to this file. Run it with: cwescope finetune run " + file,
        ]);
        ctx.stdout.write(`recipe → ${file}\n`);
        const hw = plan.recipe.hardware;
        if (hw.placement === "fsdp" || hw.placement === "deepspeed") {
          const config = join(dirname(file), accelerateConfigName(plan.model.id, plan.method, hw.placement));
          await writeAccelerateConfig(config, { strategy: hw.placement, gpusPerNode: hw.gpus, nodes: hw.nodes ?? 1, qlora: plan.method === "qlora" });
          ctx.stdout.write(`accelerate config → ${config}\n`);
          const nodes = hw.nodes ?? 1;
          ctx.stdout.write(
            nodes > 1
              ? `launch: on each of the ${nodes} nodes, cwescope finetune run ${file} --machine-rank K --main-process-ip MAIN_NODE_IP   (K = 0 on the main node)\n`
              : `launch: cwescope finetune run ${file}   (accelerate launch --config_file ${config} trainer/train.py --recipe ${file})\n`,
          );
        }
        return EXIT.ok;
      }),
    );

  finetune
    .command("run")
    .description("train the adapter a recipe describes with trainer/train.py (TRL + PEFT), streaming progress")
    .argument("<recipe>", "recipe YAML from `finetune plan`")
    .option("--python <path>", "Python interpreter with trainer/requirements.txt installed (default: $CWESCOPE_PYTHON, else .venv-trainer, else python3)", defaultTrainerPython())
    .option("--machine-rank <k>", "several nodes: this node's rank (0 on the main node)")
    .option("--main-process-ip <host>", "several nodes: address of the main node")
    .option("--main-process-port <port>", "several nodes: rendezvous port of the main node (default: the accelerate config's)")
    .option("--cpu", "train on CPU (tiny models, tests); with an accelerate config, the same multi-process launch over gloo")
    .action(
      action(state, async (ctx, file: string, opts: { python: string; machineRank?: string; mainProcessIp?: string; mainProcessPort?: string; cpu?: boolean }) => {
        const recipe = await loadRecipe(file);
        for (const path of [recipe.data.train, recipe.data.val]) {
          if (path && !existsSync(recipePath(file, path))) throw new CliError(`${file}: data file ${recipePath(file, path)} not found`);
        }
        const hw = recipe.hardware;
        const accelerate = hw.accelerate_config ? recipePath(file, hw.accelerate_config) : undefined;
        if (accelerate && !existsSync(accelerate)) throw new CliError(`${file}: accelerate config ${accelerate} not found (finetune plan writes it beside the recipe)`);
        if (opts.cpu && hw.placement === "deepspeed") throw new CliError("--cpu: DeepSpeed ZeRO-3 needs GPUs; plan with --strategy fsdp to test the launch on CPU");
        if ((hw.nodes ?? 1) > 1 && (opts.machineRank === undefined || !opts.mainProcessIp)) throw new CliError(`${file} trains on ${hw.nodes} nodes: pass --machine-rank K and --main-process-ip HOST on each`);
        const result = await launchTrainer({
          recipe: file,
          python: opts.python,
          accelerate: accelerate
            ? { config: accelerate, machineRank: number("--machine-rank", opts.machineRank, (n) => Number.isInteger(n) && n >= 0), mainProcessIp: opts.mainProcessIp, mainProcessPort: number("--main-process-port", opts.mainProcessPort, positiveInt), cpu: opts.cpu }
            : undefined,
          env: opts.cpu ? { CWESCOPE_TRAINER_ALLOW_CPU: "1", CUDA_VISIBLE_DEVICES: "" } : undefined,
          onEvent: (e) => {
            const line = describeTrainerEvent(e);
            if (line) ctx.log.info(line);
          },
          onOutput: (line) => ctx.log.debug(line),
        });
        ctx.stdout.write(`adapter → ${result.adapter ?? recipePath(file, recipe.output.dir)}\n`);
        return EXIT.ok;
      }),
    );

  finetune
    .command("convert")
    .description("convert a trained LoRA adapter to GGUF for llama.cpp with llama.cpp's own converters; optionally the base model and a merged model")
    .argument("<adapter>", "adapter folder written by `finetune run`")
    .requiredOption("--base <dir>", "Hugging Face folder of the base model the adapter was trained on")
    .option("--out <dir>", "output folder (default: <adapter>/gguf)")
    .option("--merge", "also merge the adapter into the base model and convert the merged model")
    .option("--convert-base", "also convert the base model, to serve it with the adapter beside it")
    .option("--outtype <type>", `tensor type of the base and merged GGUFs: ${GGUF_OUTTYPES.join(" | ")} (q8_0 is the one quantisation the converters do; k-quants need llama-quantize)`, "f16")
    .option("--python <path>", "Python interpreter with trainer/requirements.txt installed (default: $CWESCOPE_PYTHON, else .venv-trainer, else python3)", defaultTrainerPython())
    .option("--llama-cpp <dir>", "llama.cpp source folder (default: the release node-llama-cpp runs, unpacked from its bundle once)")
    .action(
      action(state, async (ctx, adapter: string, opts: { base: string; out?: string; merge?: boolean; convertBase?: boolean; outtype: string; python: string; llamaCpp?: string }) => {
        if (!(GGUF_OUTTYPES as readonly string[]).includes(opts.outtype)) throw new CliError(`--outtype must be one of ${GGUF_OUTTYPES.join(", ")}`);
        const result = await convertAdapter({
          adapter,
          base: opts.base,
          out: opts.out ?? join(adapter, "gguf"),
          merge: opts.merge ?? false,
          convertBase: opts.convertBase ?? false,
          outtype: opts.outtype as GgufOuttype,
          python: opts.python,
          llamaCpp: opts.llamaCpp,
          onStep: (what) => ctx.log.info(`${what} …`),
          onOutput: (line) => ctx.log.debug(line),
        });
        ctx.stdout.write(`adapter gguf → ${result.adapterGguf}\n`);
        if (result.baseGguf) ctx.stdout.write(`base gguf → ${result.baseGguf}\n`);
        if (result.mergedGguf) ctx.stdout.write(`merged gguf → ${result.mergedGguf}\n`);
        for (const id of result.modelIds) ctx.stdout.write(`model id: ${id}\n`);
        if (!result.baseGguf) ctx.stdout.write(`model id: llamacpp:<base.gguf>+lora=${result.adapterGguf}  (a GGUF of the same base model; --convert-base writes one)\n`);
        ctx.log.info(`converted with llama.cpp ${result.release}`);
        return EXIT.ok;
      }),
    );
}
