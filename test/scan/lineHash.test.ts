import { describe, expect, it } from "vitest";
import { lineHashes } from "../../src/scan/lineHash.js";

// Expected values are GitHub's published test vectors for primaryLocationLineHash (codeql-action).
const all = (text: string) => {
  const n = text.split(/\r\n|\r|\n/).length;
  const hashes = lineHashes(text, Array.from({ length: n }, (_, i) => i + 1));
  return Array.from({ length: n }, (_, i) => hashes.get(i + 1));
};

describe("lineHashes", () => {
  it("matches GitHub's hashes for an empty file and mixed whitespace", () => {
    expect(all("")).toEqual(["c129715d7a2bc9a3:1"]);
    expect(all(" a\nb\n  \t\tc\n d")).toEqual(["271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1"]);
  });

  it("reads CR, LF and CRLF line ends alike", () => {
    const expected = ["e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1", "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1"];
    expect(all(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n")).toEqual(expected);
    expect(all(" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r")).toEqual(expected);
    expect(all(" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n")).toEqual(expected);
  });

  it("numbers repeated hashes", () => {
    const got = all("Lorem ipsum dolor sit amet.\n".repeat(10));
    expect(got.slice(0, 7)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `a7f2ff13bc495cf2:${n}`).concat("a7f2ff1481e87703:1"));
    expect(got.at(-1)).toBe("c129715d7a2bc9a3:1");
  });

  it("hashes only what it is asked for and stays the same when computed alone", () => {
    const text = "a = 1\nb = 2\nc = 3\n";
    expect(lineHashes(text, [2]).get(2)).toBe(all(text)[1]);
    expect(lineHashes(text, []).size).toBe(0);
  });
});
