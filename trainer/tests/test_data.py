"""Pure-Python tests of trainer/data.py on files written by `cwescope finetune export` (standard library only).

Run by test/train/finetune/trainer.test.ts with CWESCOPE_EXPORT_CHAT and CWESCOPE_EXPORT_ALPACA pointing at
exports of the same records in both formats.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from data import IGNORE_INDEX, DataError, load_examples, pad_batch, tokenize_example  # noqa: E402

CHAT = os.environ.get("CWESCOPE_EXPORT_CHAT")
ALPACA = os.environ.get("CWESCOPE_EXPORT_ALPACA")


class CharTemplateTokenizer:
    """A stand-in tokenizer: a Llama-3-shaped chat template, one token per character, specials as single ids."""

    SPECIAL = {"<|start|>": 1, "<|end|>": 2, "<|eot|>": 3}

    def render(self, messages, add_generation_prompt=False):
        text = "".join(f"<|start|>{m['role']}<|end|>\n\n{m['content']}<|eot|>" for m in messages)
        return text + ("<|start|>assistant<|end|>\n\n" if add_generation_prompt else "")

    def encode(self, text):
        ids, i = [], 0
        while i < len(text):
            for special, sid in self.SPECIAL.items():
                if text.startswith(special, i):
                    ids.append(sid)
                    i += len(special)
                    break
            else:
                ids.append(1000 + ord(text[i]))
                i += 1
        return ids

    def apply_chat_template(self, messages, tokenize=True, add_generation_prompt=False):
        return {"input_ids": self.encode(self.render(messages, add_generation_prompt))}


def manifest(folder):
    with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as handle:
        return json.load(handle)


@unittest.skipUnless(CHAT and ALPACA, "needs CWESCOPE_EXPORT_CHAT and CWESCOPE_EXPORT_ALPACA")
class ExportedFiles(unittest.TestCase):
    def test_chat_export_loads_unchanged(self):
        m = manifest(CHAT)
        for split, summary in m["splits"].items():
            path = os.path.join(CHAT, summary["file"])
            examples = load_examples(path, "chat")
            self.assertEqual(len(examples), summary["records"], split)
            with open(path, encoding="utf-8") as handle:
                raw = [json.loads(line) for line in handle]
            for example, record in zip(examples, raw):
                self.assertEqual(example["messages"], record["messages"])  # nothing added, dropped or rewritten
                self.assertEqual(example["id"], record["id"])

    def test_alpaca_export_gives_the_same_messages_as_chat(self):
        for split, summary in manifest(CHAT)["splits"].items():
            chat = load_examples(os.path.join(CHAT, summary["file"]), "chat")
            alpaca = load_examples(os.path.join(ALPACA, summary["file"]), "alpaca")
            self.assertEqual([e["messages"] for e in alpaca], [e["messages"] for e in chat], split)

    def test_loss_mask_covers_the_answer_and_end_of_turn_only(self):
        tokenizer = CharTemplateTokenizer()
        examples = load_examples(os.path.join(CHAT, "train.jsonl"), "chat")
        for example in examples[:20]:
            row = tokenize_example(example["messages"], tokenizer, 100000)
            answer = example["messages"][-1]["content"]
            target = [tid for tid, m in zip(row["input_ids"], row["completion_mask"]) if m]
            self.assertEqual(target, tokenizer.encode(answer + "<|eot|>"))

    def test_over_long_examples_are_skipped_not_cut(self):
        example = load_examples(os.path.join(CHAT, "train.jsonl"), "chat")[0]
        full = len(CharTemplateTokenizer().encode(CharTemplateTokenizer().render(example["messages"])))
        self.assertIsNone(tokenize_example(example["messages"], CharTemplateTokenizer(), full - 1))
        self.assertEqual(len(tokenize_example(example["messages"], CharTemplateTokenizer(), full)["input_ids"]), full)

    def test_format_mismatch_names_file_and_line(self):
        with self.assertRaises(DataError) as caught:
            load_examples(os.path.join(ALPACA, "train.jsonl"), "chat")
        self.assertEqual(caught.exception.line, 1)
        self.assertIn("train.jsonl:1:", str(caught.exception))


class Loader(unittest.TestCase):
    def write(self, lines):
        handle = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8")
        handle.write("\n".join(lines) + "\n")
        handle.close()
        self.addCleanup(os.unlink, handle.name)
        return handle.name

    def test_bad_lines_are_reported_with_their_number(self):
        ok = json.dumps({"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]})
        cases = {
            "{not json": "not JSON",
            json.dumps({"text": "x"}): "neither a chat record",
            json.dumps({"messages": [{"role": "assistant", "content": "a"}, {"role": "user", "content": "q"}]}): "roles must be",
            json.dumps({"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": " "}]}): "answer is empty",
        }
        for bad, reason in cases.items():
            path = self.write([ok, bad])
            with self.assertRaises(DataError) as caught:
                load_examples(path)
            self.assertEqual(caught.exception.line, 2, bad)
            self.assertIn(reason, caught.exception.reason)

    def test_pad_batch_masks_prompt_and_padding(self):
        batch = pad_batch([{"input_ids": [5, 6, 7], "completion_mask": [0, 1, 1]}, {"input_ids": [8, 9], "completion_mask": [0, 1]}], pad_id=0)
        self.assertEqual(batch["input_ids"], [[5, 6, 7], [8, 9, 0]])
        self.assertEqual(batch["attention_mask"], [[1, 1, 1], [1, 1, 0]])
        self.assertEqual(batch["labels"], [[IGNORE_INDEX, 6, 7], [IGNORE_INDEX, 9, IGNORE_INDEX]])
        self.assertEqual(batch["position_ids"], [[0, 1, 2], [0, 1, 0]])

    def test_left_padding_ends_every_row_with_its_answer(self):
        batch = pad_batch([{"input_ids": [5, 6, 7], "completion_mask": [0, 1, 1]}, {"input_ids": [8, 9], "completion_mask": [0, 1]}], pad_id=0, side="left")
        self.assertEqual(batch["input_ids"], [[5, 6, 7], [0, 8, 9]])
        self.assertEqual(batch["attention_mask"], [[1, 1, 1], [0, 1, 1]])
        self.assertEqual(batch["labels"], [[IGNORE_INDEX, 6, 7], [IGNORE_INDEX, IGNORE_INDEX, 9]])
        self.assertEqual(batch["position_ids"], [[0, 1, 2], [0, 0, 1]])


if __name__ == "__main__":
    unittest.main()
