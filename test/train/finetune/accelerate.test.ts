// The accelerate launch config `finetune plan` writes for several GPUs, and the command `finetune run` builds from it.
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { accelerateLaunchArgs, writeAccelerateConfig } from "../../../src/train/finetune/index.js";

describe("accelerate launch config", () => {
  it("FSDP full-shard per decoder block, one process per GPU over all nodes, readable by PyYAML (no bare `no`)", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "cwescope-acc-")), "fsdp.yaml");
    await writeAccelerateConfig(file, { strategy: "fsdp", gpusPerNode: 8, nodes: 2, qlora: true });
    const text = await readFile(file, "utf8");
    expect(text).toContain('mixed_precision: "no"');
    for (const line of ["distributed_type: FSDP", "num_processes: 16", "num_machines: 2", "fsdp_sharding_strategy: FULL_SHARD", "fsdp_transformer_layer_cls_to_wrap: LlamaDecoderLayer", "fsdp_use_orig_params: true", "fsdp_state_dict_type: FULL_STATE_DICT"])
      expect(text).toContain(line);
    expect(text).toMatch(/QLoRA: 4-bit weights stored as bf16/);
  });

  it("DeepSpeed ZeRO-3 as the alternative", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "cwescope-acc-")), "ds.yaml");
    await writeAccelerateConfig(file, { strategy: "deepspeed", gpusPerNode: 4, nodes: 1, qlora: false });
    const text = await readFile(file, "utf8");
    for (const line of ["distributed_type: DEEPSPEED", "zero_stage: 3", "zero3_save_16bit_model: true", "num_processes: 4"]) expect(text).toContain(line);
  });

  it("the node command: accelerate launch with the config, the node's rank and the main node", () => {
    expect(accelerateLaunchArgs({ config: "a.yaml", script: "train.py", recipe: "r.yaml", machineRank: 1, mainProcessIp: "10.0.0.1" })).toEqual([
      "-m", "accelerate.commands.launch", "--config_file", "a.yaml", "--machine_rank", "1", "--main_process_ip", "10.0.0.1", "train.py", "--recipe", "r.yaml",
    ]);
    // On CPU the same torchrun launch, without FSDP's rank-0 broadcast that PyTorch refuses on CPU.
    expect(accelerateLaunchArgs({ config: "a.yaml", script: "train.py", recipe: "r.yaml", cpu: true })).toEqual([
      "-m", "accelerate.commands.launch", "--config_file", "a.yaml", "--fsdp_sync_module_states", "false", "--fsdp_cpu_ram_efficient_loading", "false", "train.py", "--recipe", "r.yaml",
    ]);
  });
});
