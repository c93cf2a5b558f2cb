import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { VERSION } from "../../src/version.js";

describe("cli", () => {
  it("prints --version and exits 0", async () => {
    const out: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
    try {
      expect((await cli(["--version"])).code).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    expect(out.join("")).toContain(VERSION);
  });

  it("exits 2 on an unknown command or option", async () => {
    expect((await cli(["frobnicate"])).code).toBe(2);
    expect((await cli(["data", "validate", "--nope"])).code).toBe(2);
  });

  it("exits 2 naming a missing input file", async () => {
    expect((await cli(["data", "validate", "/nonexistent/x.jsonl"])).code).toBe(2);
  });
});
