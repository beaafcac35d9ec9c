import LineEditing
import Testing

@Suite struct CompletionPlannerTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var id: String
    var line: String
    var cursor: Int
    var completion: Completion
    var expected: CompletionStep
    var testDescription: String { id }
  }

  static let cases: [Case] = [
    Case(
      id: "single field name gets no space", line: "off", cursor: 3,
      completion: Completion(replaceFrom: 0, candidates: ["office:"]),
      expected: .replace(from: 0, to: 3, with: "office:")),
    Case(
      id: "single path ending in slash gets no space", line: "office:la", cursor: 9,
      completion: Completion(replaceFrom: 0, candidates: ["office:la-dcfs/"]),
      expected: .replace(from: 0, to: 9, with: "office:la-dcfs/")),
    Case(
      id: "single word gets a space", line: "x .he", cursor: 5,
      completion: Completion(replaceFrom: 2, candidates: [".help"]),
      expected: .replace(from: 2, to: 5, with: ".help ")),
    Case(
      id: "no space when the completion says so", line: ".he", cursor: 3,
      completion: Completion(replaceFrom: 0, candidates: [".help"], appendsSpace: false),
      expected: .replace(from: 0, to: 3, with: ".help")),
    Case(
      id: "several: longest common prefix", line: "office:la", cursor: 9,
      completion: Completion(
        replaceFrom: 0,
        candidates: ["office:la-dcfs/regional/lancaster", "office:la-dcfs/regional/palmdale"]),
      expected: .replace(from: 0, to: 9, with: "office:la-dcfs/regional/")),
    Case(
      id: "several without progress: list", line: ".", cursor: 1,
      completion: Completion(replaceFrom: 0, candidates: [".help", ".quit"]),
      expected: .list([".help", ".quit"])),
    Case(
      id: "duplicates count once", line: "ti", cursor: 2,
      completion: Completion(replaceFrom: 0, candidates: ["title:", "title:"]),
      expected: .replace(from: 0, to: 2, with: "title:")),
    Case(
      id: "nothing: beep", line: "zz", cursor: 2,
      completion: .none(at: 2), expected: .beep),
    Case(
      id: "already complete: beep", line: "office:", cursor: 7,
      completion: Completion(replaceFrom: 0, candidates: ["office:"]), expected: .beep),
    Case(
      id: "offsets in characters, not bytes", line: "café ti", cursor: 7,
      completion: Completion(replaceFrom: 5, candidates: ["title:"]),
      expected: .replace(from: 5, to: 7, with: "title:")),
    Case(
      id: "case-correcting prefix counts as progress", line: "OFF", cursor: 3,
      completion: Completion(replaceFrom: 0, candidates: ["office:", "officer"]),
      expected: .replace(from: 0, to: 3, with: "office")),
    Case(
      id: "common prefix shorter than the word: list", line: "Offi", cursor: 4,
      completion: Completion(replaceFrom: 0, candidates: ["office:", "OFFICER"]),
      expected: .list(["office:", "OFFICER"])),
  ]

  @Test(arguments: cases) func step(_ c: Case) {
    #expect(
      CompletionPlanner.step(line: c.line, cursor: c.cursor, completion: c.completion) == c.expected
    )
  }

  @Test func longestCommonPrefixWorksOnCharacters() {
    #expect(CompletionPlanner.longestCommonPrefix(["東京都", "東京駅"]) == "東京")
    #expect(CompletionPlanner.longestCommonPrefix(["e\u{301}x", "e"]) == "")
    #expect(CompletionPlanner.longestCommonPrefix([]) == "")
    #expect(CompletionPlanner.longestCommonPrefix(["same"]) == "same")
  }
}
