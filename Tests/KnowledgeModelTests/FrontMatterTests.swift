import TestSupport
import Testing

@testable import KnowledgeModel

@Suite struct FrontMatterTests {
  @Test func splitsYAMLAndBody() throws {
    let split = try FrontMatter.split("---\ntitle: A\n---\nBody\nmore\n")
    #expect(split.yaml == "title: A")
    #expect(split.yamlLine == 2)
    #expect(split.body == "Body\nmore\n")
    #expect(split.bodyLine == 4)
  }

  @Test func acceptsDotsAsClosingFence() throws {
    let split = try FrontMatter.split("---\ntitle: A\n...\nBody")
    #expect(split.yaml == "title: A")
    #expect(split.body == "Body")
  }

  @Test func withoutFrontMatterEverythingIsBody() throws {
    let split = try FrontMatter.split("# Heading\ntext")
    #expect(split.yaml == nil)
    #expect(split.body == "# Heading\ntext")
  }

  @Test func unterminatedFrontMatterThrows() {
    #expect(throws: FrontMatter.SplitError.unterminated) {
      try FrontMatter.split("---\ntitle: A\nno end")
    }
  }

  /// The split reads bytes; on random documents of lines that look like fences and lines that
  /// do not (trailing spaces and tabs, four dashes, combining marks, no final line end), it
  /// gives what a split by lines and characters gives.
  @Test func splitsAsASplitByLinesWould() {
    let pieces = [
      "---", "...", "--- ", "---\t \t", "----", "-- -", " ---", "..", "....", "... ",
      "---\u{301}", "title: A", "", "é", "\u{301}x", "tags: [a, b]", "---x", ". . .",
    ]
    var g = SeededGenerator(state: 41)
    var closed = 0
    for _ in 0..<3000 {
      let lines = (0..<Int.random(in: 1...7, using: &g)).map { _ in
        pieces.randomElement(using: &g)!
      }
      let text = lines.joined(separator: "\n") + (Bool.random(using: &g) ? "\n" : "")
      let expected = Result { () throws(FrontMatter.SplitError) in try Self.splitByLines(text) }
      let got = Result { () throws(FrontMatter.SplitError) in try FrontMatter.split(text) }
      #expect(got == expected, "\(text.debugDescription)")
      if case .success(let split) = got, split.yaml != nil { closed += 1 }
    }
    #expect(closed > 200, "enough documents with front matter: \(closed)")
  }

  /// The split as it was written before it read bytes: by lines, trimming trailing spaces and
  /// tabs as characters.
  static func splitByLines(_ text: String) throws(FrontMatter.SplitError) -> FrontMatter {
    func trimmed(_ line: Substring) -> Substring {
      var s = line
      while let last = s.last, last == " " || last == "\t" { s.removeLast() }
      return s
    }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard trimmed(lines[0]) == "---" else {
      return FrontMatter(yaml: nil, yamlLine: 1, body: text, bodyLine: 1)
    }
    guard lines.count > 1 else { throw .unterminated }
    for k in 1..<lines.count where trimmed(lines[k]) == "---" || trimmed(lines[k]) == "..." {
      // A last line with nothing after it (the text ended in a line end) is no line.
      if k == lines.count - 1, lines[k].isEmpty { break }
      let body = k + 1 < lines.count ? lines[(k + 1)...].joined(separator: "\n") : ""
      return FrontMatter(
        yaml: lines[1..<k].joined(separator: "\n"), yamlLine: 2, body: body, bodyLine: k + 2)
    }
    throw .unterminated
  }

  @Test func normaliseRemovesBOMAndCarriageReturns() {
    #expect(FrontMatter.normalise("\u{FEFF}a\r\nb\rc") == "a\nb\nc")
  }
}

@Suite struct PartialDateTests {
  @Test(arguments: [
    ("2019", 20_190_101, 20_191_231),
    ("2019-10", 20_191_001, 20_191_031),
    ("2020-02", 20_200_201, 20_200_229),
    ("2019-10-20", 20_191_020, 20_191_020),
  ])
  func boundsCoverTheWholePeriod(text: String, lower: Int, upper: Int) throws {
    let date = try #require(PartialDate(text))
    #expect(date.lowerBound == lower)
    #expect(date.upperBound == upper)
    #expect(date.description == text)
  }

  @Test(arguments: ["19", "2019-1", "2019-13", "2019-02-30", "2019-10-20x", "twenty", ""])
  func rejectsMalformedDates(text: String) {
    #expect(PartialDate(text) == nil)
  }
}

@Suite struct SuggestionTests {
  @Test func suggestsTheNearestName() {
    #expect(Suggestion.nearest("ofice", in: ["office", "outcome", "tag"]) == ["office"])
    #expect(
      Suggestion.didYouMean("lancester", in: ["lancaster", "palmdale"])
        == "; did you mean 'lancaster'?")
  }

  @Test func suggestsNothingWhenNothingIsClose() {
    #expect(Suggestion.nearest("xyz", in: ["office", "outcome"]).isEmpty)
    #expect(Suggestion.didYouMean("zzzzzz", in: ["tag"]) == "")
  }
}
