// The end of every command's --help: two or three examples and the exit codes. Text only, keyed by command path.
import type { Command } from "commander";

const EXIT_CODES = "Exit codes: 0 ok / no findings, 1 findings, 2 error or incomplete.";

const EXAMPLES: Record<string, string[]> = {
  "": ["cwescope scan src/", "cwescope eval --model embedded --data data/javascript/test.jsonl", "cwescope experiment experiments/embedded.yaml --out runs/embedded"],
  data: ["cwescope data validate data/python/*.jsonl", "cwescope data stats data/javascript/test.jsonl --json"],
  "data validate": ["cwescope data validate data/python/train.jsonl data/python/val.jsonl", "cwescope data validate records.jsonl   # every problem as file:line: reason"],
  "data stats": ["cwescope data stats data/python/*.jsonl", "cwescope data stats data/javascript/test.jsonl --json"],
  "data split": ["cwescope data split all.jsonl --out splits/ --seed 7", "cwescope data split all.jsonl --out splits/ --ratios 0.8,0.1,0.1"],
  "data dedupe": ["cwescope data dedupe data/python/train.jsonl", "cwescope data dedupe --across data/python/train.jsonl data/python/test.jsonl"],
  "data build": ["cwescope data build", "cwescope data lint data/src/python/CWE-89.yaml && cwescope data build"],
  "data lint": ["cwescope data lint data/src/*/*.yaml", "cwescope data lint data/src/javascript/CWE-79.yaml"],
  "data generate": ["cwescope data generate --teacher openai:qwen2.5-coder --base-url http://127.0.0.1:8000/v1 --cwe CWE-89 --language python --pairs 5 --out cand.jsonl"],
  train: ["cwescope train --data data/python/train.jsonl --val data/python/val.jsonl --out models/my-model", "cwescope train --data train.jsonl --out models/strict --max-fpr 0.1"],
  predict: ["cwescope predict --model embedded --input data/javascript/test.jsonl -o preds.jsonl", "cwescope predict --model llamacpp:/models/llama-3.1-8b-cwe.gguf --input records.jsonl -o preds.jsonl"],
  eval: ["cwescope eval --model embedded --data data/javascript/test.jsonl", "cwescope eval --model openai:llama-3.1-8b --base-url http://gpu-box:8000/v1 --data data/python/test.jsonl -f md"],
  experiment: ["cwescope experiment experiments/embedded.yaml --out runs/embedded", "cwescope experiment --schema > experiment.schema.json"],
  finetune: ["cwescope finetune export --data data/python/train.jsonl --out ft/", "cwescope finetune plan --base llama-3.1-8b --gpus 1 --gpu-memory-gib 80 --export ft/"],
  "finetune export": ["cwescope finetune export --data data/python/train.jsonl --val data/python/val.jsonl --format chat --out ft/"],
  "finetune plan": ["cwescope finetune plan --base llama-3.1-70b --gpus 1 --gpu-memory-gib 80 --export ft/", "cwescope finetune plan --base llama-3.1-8b --gpus 8 --gpu-memory-gib 80 --export ft/"],
  "finetune convert": [
    "cwescope finetune convert ft/adapter-llama-3.1-8b-lora --base /models/Llama-3.1-8B-Instruct --convert-base",
    "cwescope finetune convert ft/adapter-llama-3.1-8b-lora --base /models/Llama-3.1-8B-Instruct --merge --outtype q8_0",
  ],
  "finetune run": ["cwescope finetune run ft/recipe-llama-3.1-8b-lora.yaml"],
  serve: ["cwescope serve --model llamacpp:/models/llama-3.1-8b-cwe.Q4_K_M.gguf --port 8080", "curl http://127.0.0.1:8080/v1/models"],
  cwes: ["cwescope cwes", "cwescope cwes --json --language javascript", "cwescope cwes --all"],
  config: ["cwescope config --show", "CWESCOPE_FAIL_ON=high cwescope config --show --json", "cwescope config --config ci/cwescope.yml"],
  scan: [
    "cwescope scan src/",
    "cwescope scan . --sarif -o cwescope.sarif --exclude tests",
    "cwescope scan . --confirm openai:llama-3.1-70b --base-url http://gpu-box:8000/v1 --fail-on high",
    "cwescope scan --diff-base origin/main --sarif -o cwescope.sarif   # only findings on lines changed since main",
  ],
};

/** Adds the examples and exit codes to every command that has examples, subcommands included. */
export function addHelpExamples(program: Command): void {
  const visit = (command: Command, path: string) => {
    const examples = EXAMPLES[path];
    if (examples) command.addHelpText("after", `\nExamples:\n${examples.map((e) => `  $ ${e}`).join("\n")}\n\n${EXIT_CODES}`);
    for (const sub of command.commands) visit(sub, path ? `${path} ${sub.name()}` : sub.name());
  };
  visit(program, "");
}
