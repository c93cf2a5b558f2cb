// cryptography's key generation by position (the `key_size=` keyword is a setting, tables/settings.ts):
// `rsa.generate_private_key(public_exponent, key_size)`, `dsa.generate_private_key(key_size)`, and elliptic
// curves under 224 bits (`ec.SECP192R1`, the 163-bit binary curves), below NIST SP 800-131A's minimum.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

const SMALL = /^(512|768|1024|1536)$/;
const WEAK_CURVE = /\b(SECP192R1|SECT163K1|SECT163R2)\b/;

export const asymmetricKeys: KnowledgeFamily = {
  family: "asymmetric-keys",
  sinks: [
    ...["cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key", "rsa.generate_private_key"].map((callee) => ({
      callee, concept: "small-key" as const, args: [], whenArg: { index: 1, value: SMALL },
    })),
    ...["cryptography.hazmat.primitives.asymmetric.dsa.generate_private_key", "dsa.generate_private_key"].map((callee) => ({
      callee, concept: "small-key" as const, args: [], whenArg: { index: 0, value: SMALL },
    })),
    ...["cryptography.hazmat.primitives.asymmetric.ec.generate_private_key", "ec.generate_private_key"].flatMap((callee) => [
      { callee, concept: "small-key" as const, args: [], whenArg: { index: 0, value: WEAK_CURVE } },
      { callee, concept: "small-key" as const, args: [], when: { keyword: "curve", value: WEAK_CURVE } },
    ]),
  ],
};
