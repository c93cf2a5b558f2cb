// The plan as text: the choice, the memory estimate with its parts and formulas, hyper-parameters and time.
import { parameterCounts } from "./baseModels.js";
import { gib, type FinetunePlan } from "./planFinetune.js";
import { ADAPTER_BYTES_PER_PARAM, NF4_BYTES_PER_PARAM, OVERHEAD_BYTES_PER_GPU, USABLE_FRACTION, GIB } from "./memoryEstimate.js";
import { DEFAULT_GPU_TFLOPS } from "./timeEstimate.js";

const label = (method: string) => (method === "qlora" ? "QLoRA (4-bit NF4, double quantisation)" : "LoRA (bf16 weights)");
const billions = (n: number) => `${(n / 1e9).toFixed(2)} B`;
const pad = (s: string, n: number) => s.padEnd(n);

export function formatPlan(plan: FinetunePlan): string {
  const { model, recipe, memory: m } = plan;
  const p = parameterCounts(model);
  const t = recipe.training;
  const hw = recipe.hardware;
  const lines: string[] = [];
  lines.push(`${model.id} on ${hw.gpus} × ${hw.gpu_memory_gib} GiB: ${label(plan.method)}`);
  for (const c of plan.checks.filter((c) => c.method !== plan.method)) {
    lines.push(
      c.memory.fits
        ? `  (${label(c.method)} would fit too, ${gib(c.memory.total)} GiB at micro-batch ${c.microBatch}; LoRA is preferred: no quantisation error, faster steps)`
        : `  (${label(c.method)} needs ${gib(c.memory.total)} GiB per GPU at micro-batch 1: does not fit)`,
    );
  }
  const share = hw.gpus > 1 ? ` / ${hw.gpus} GPUs` : "";
  const weightsHow =
    plan.method === "qlora"
      ? `${billions(p.linear)} linear params × ${NF4_BYTES_PER_PARAM.toFixed(4)} B + ${billions(p.unquantized)} embedding/head/norm params × 2 B${share}`
      : `${billions(p.total)} params × 2 B${share}`;
  const row = (name: string, bytes: number, how: string) => `  ${pad(name, 12)}${gib(bytes).toFixed(1).padStart(7)} GiB  ${how}`;
  lines.push(`memory per GPU (estimate):`);
  lines.push(row("weights", m.weights, weightsHow));
  lines.push(row("adapters", m.adapters, `${(m.loraParams / 1e6).toFixed(1)} M LoRA params (r ${recipe.lora.r} on ${recipe.lora.target_modules.length} modules × ${model.layers} layers) × ${ADAPTER_BYTES_PER_PARAM} B (fp32 weight, gradient, AdamW m and v)${share}`));
  lines.push(row("activations", m.activations, `micro-batch ${t.micro_batch_size} × ${t.max_seq_len} tokens, gradient checkpointing: block inputs + one recomputed block + logits`));
  lines.push(row("overhead", m.overhead, `CUDA context, workspaces, allocator (${OVERHEAD_BYTES_PER_GPU / GIB} GiB per GPU)`));
  lines.push(row("total", m.total, `of ${gib(m.usable).toFixed(1)} GiB usable (${Math.round(USABLE_FRACTION * 100)} % of ${hw.gpu_memory_gib} GiB)`));
  if (hw.gpus > 1) lines.push(`  spread with device_map="auto" (one process, blocks split over the GPUs; they compute in turn)`);
  lines.push(
    `hyper-parameters: r ${recipe.lora.r}, alpha ${recipe.lora.alpha}, dropout ${recipe.lora.dropout} on ${recipe.lora.target_modules.join(", ")}; ` +
      `lr ${t.learning_rate} ${t.lr_scheduler}, warmup ${t.warmup_ratio}, ${t.epochs} epoch(s), ${t.optimizer}; ` +
      `micro-batch ${t.micro_batch_size} × accumulation ${t.gradient_accumulation_steps} = ${t.micro_batch_size * t.gradient_accumulation_steps} examples per step; ` +
      `max_seq_len ${t.max_seq_len} (${plan.seqLen.source === "data" ? "longest exported example, estimated" : plan.seqLen.source === "override" ? "--max-seq-len" : "default; pass --export to size it from the data"})`,
  );
  const e = plan.time.estimate;
  const hours = e.seconds / 3600;
  lines.push(
    plan.time.perMillionTokens
      ? `time: ≈ ${formatHours(hours)} per million training tokens (pass --export for the total)`
      : `time: ≈ ${formatHours(hours)} for ${t.epochs} epoch(s) of the exported data`,
  );
  lines.push(
    `  assumes 6 × ${billions(p.total)} params × training tokens + 2 × params × validation tokens, per epoch, at ` +
      `${e.gpuTflops} TFLOP/s × MFU ${e.mfu}${e.speedFactor !== 1 ? ` × ${e.speedFactor} (QLoRA dequantisation)` : ""}` +
      (e.gpuTflops === DEFAULT_GPU_TFLOPS ? ` — an A100 in bf16; pass --gpu-tflops 989 for an H100 SXM` : ""),
  );
  return lines.join("\n") + "\n";
}

function formatHours(hours: number): string {
  return hours < 1 ? `${Math.max(1, Math.round(hours * 60))} min` : `${hours.toFixed(1)} h`;
}
