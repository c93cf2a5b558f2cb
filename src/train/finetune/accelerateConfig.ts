// Several GPUs, one or more nodes: an `accelerate launch` config for data-parallel training with sharded weights
// (FSDP full-shard by default, DeepSpeed ZeRO-3 as the alternative), and the command each node runs.
import { writeFile } from "node:fs/promises";
import { stringify } from "yaml";

export const DISTRIBUTED_STRATEGIES = ["fsdp", "deepspeed"] as const;
export type DistributedStrategy = (typeof DISTRIBUTED_STRATEGIES)[number];

export interface LaunchLayout {
  strategy: DistributedStrategy;
  /** GPUs per node. */
  gpusPerNode: number;
  nodes: number;
  /** QLoRA: 4-bit weights stored as bf16 so FSDP can shard them (the recipe's quant_storage). */
  qlora: boolean;
  /** Rendezvous port on the main node. */
  port?: number;
}

export const DEFAULT_MAIN_PROCESS_PORT = 29500;

/**
 * The accelerate config. FSDP: every decoder block its own shard unit (FULL_SHARD), parameters kept as they are
 * (`use_orig_params`, needed beside PEFT's frozen weights), weights loaded once on rank 0 and broadcast
 * (`cpu_ram_efficient_loading` + `sync_module_states`), and a full state dict gathered for saving the adapter.
 * DeepSpeed: ZeRO stage 3 (parameters, gradients and optimiser state partitioned), 16-bit weights gathered on save.
 * Mixed precision stays with the recipe (`bf16` in the trainer's arguments), so the config says `no`.
 */
export function accelerateConfig(layout: LaunchLayout): Record<string, unknown> {
  const common = {
    compute_environment: "LOCAL_MACHINE",
    num_machines: layout.nodes,
    num_processes: layout.gpusPerNode * layout.nodes,
    machine_rank: 0,
    main_process_port: layout.port ?? DEFAULT_MAIN_PROCESS_PORT,
    rdzv_backend: "static",
    same_network: true,
    mixed_precision: "no",
    use_cpu: false,
  };
  if (layout.strategy === "deepspeed") {
    return {
      ...common,
      distributed_type: "DEEPSPEED",
      deepspeed_config: { zero_stage: 3, zero3_init_flag: true, zero3_save_16bit_model: true, offload_optimizer_device: "none", offload_param_device: "none" },
    };
  }
  return {
    ...common,
    distributed_type: "FSDP",
    fsdp_config: {
      fsdp_version: 1,
      fsdp_sharding_strategy: "FULL_SHARD",
      fsdp_auto_wrap_policy: "TRANSFORMER_BASED_WRAP",
      fsdp_transformer_layer_cls_to_wrap: "LlamaDecoderLayer",
      fsdp_backward_prefetch: "BACKWARD_PRE",
      fsdp_forward_prefetch: false,
      fsdp_use_orig_params: true,
      fsdp_cpu_ram_efficient_loading: true,
      fsdp_sync_module_states: true,
      fsdp_offload_params: false,
      fsdp_state_dict_type: "FULL_STATE_DICT",
    },
  };
}

export async function writeAccelerateConfig(file: string, layout: LaunchLayout): Promise<void> {
  const header = [
    `# accelerate launch config written by \`cwescope finetune plan\`: ${layout.strategy === "fsdp" ? "FSDP full-shard" : "DeepSpeed ZeRO-3"},`,
    `# ${layout.nodes} node(s) × ${layout.gpusPerNode} GPU(s).${layout.qlora ? " QLoRA: 4-bit weights stored as bf16 (recipe quant_storage) so they shard." : ""}`,
    "# `cwescope finetune run RECIPE` starts it; on several nodes run it on each with --machine-rank K --main-process-ip HOST.",
  ];
  // YAML 1.1, as PyYAML reads it: `no` must be quoted or it becomes false.
  await writeFile(file, `${header.join("\n")}\n${stringify(accelerateConfig(layout), { version: "1.1" })}`);
}

/**
 * The command `finetune run` runs on one node (argv, without the Python interpreter). `cpu`: the same launch
 * (torchrun, one process per rank, gloo) on a machine without GPUs — accelerate's own `--cpu` would fall back to
 * a single process; only FSDP's load-on-rank-0-and-broadcast is turned off, which PyTorch refuses on CPU.
 */
export function accelerateLaunchArgs(options: { config: string; script: string; recipe: string; machineRank?: number; mainProcessIp?: string; mainProcessPort?: number; cpu?: boolean }): string[] {
  const args = ["-m", "accelerate.commands.launch", "--config_file", options.config];
  if (options.cpu) args.push("--fsdp_sync_module_states", "false", "--fsdp_cpu_ram_efficient_loading", "false");
  if (options.machineRank !== undefined) args.push("--machine_rank", String(options.machineRank));
  if (options.mainProcessIp) args.push("--main_process_ip", options.mainProcessIp);
  if (options.mainProcessPort !== undefined) args.push("--main_process_port", String(options.mainProcessPort));
  return [...args, options.script, "--recipe", options.recipe];
}
