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

  @Test(arguments: [
    "19", "2019-1", "2019-13", "2019-02-30", "2019-10-20x", "twenty", "", "2019-00",
    "2019-10-00", "2019/10/20", "-2019", "2019--10", "2019-02-29", " 2019", "2019 ",
    "\u{FF12}\u{FF10}\u{FF11}\u{FF19}", "\u{0661}\u{0662}\u{0663}\u{0664}", "2019-1\u{0301}0",
  ])
  func rejectsMalformedDates(text: String) {
    #expect(PartialDate(text) == nil)
  }

  /// Dates are read as bytes; on random strings of digits, hyphens and a few other characters,
  /// they read as a reading by characters does.
  @Test func readsAsAReadingByCharacters() {
    func byCharacters(_ text: String) -> PartialDate? {
      let parts = text.split(separator: "-", omittingEmptySubsequences: false)
      guard (1...3).contains(parts.count), parts[0].count == 4,
        parts.dropFirst().allSatisfy({ $0.count == 2 }),
        parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
        let y = Int(parts[0])
      else { return nil }
      let m = parts.count >= 2 ? Int(parts[1]) : nil
      let d = parts.count == 3 ? Int(parts[2]) : nil
      if let m, !(1...12).contains(m) { return nil }
      if let d, d < 1 || d > PartialDate.daysIn(month: m!, year: y) { return nil }
      return PartialDate(year: y, month: m, day: d)
    }
    var random = SystemRandomNumberGenerator()
    let pieces = [
      "0", "1", "2", "9", "-", "2019", "-02-", "-12-31", "x", " ", "\u{0661}", "\u{0301}",
    ]
    var dates = 0
    for _ in 0..<20_000 {
      let text = (0..<Int.random(in: 1...6, using: &random)).map { _ in
        pieces.randomElement(using: &random)!
      }.joined()
      #expect(PartialDate(text) == byCharacters(text), "\(text.debugDescription)")
      if PartialDate(text) != nil { dates += 1 }
    }
    // Enough of the strings are dates for the comparison to mean something.
    #expect(dates > 100)
  }
}

/// An entry's id by default is its file's name without `.md`, cut as bytes when it can be.
@Suite struct FileStemTests {
  @Test(arguments: [
    ("lessons/a-lesson.md", "a-lesson"), ("A.MD", "A"), ("x/.md", ""),
    ("x/y.markdown", "y.markdown"),
    ("deep/er/caf\u{E9}.Md", "caf\u{E9}"), ("x/y/", "y"), ("md", "md"),
    ("x/\u{0600}.md", "\u{0600}.md"),
  ])
  func cutsTheNameAndItsSuffix(path: String, stem: String) {
    #expect(FieldReader.stem(of: path) == stem)
  }

  @Test func cutsAsACutByCharactersDoes() {
    func byCharacters(_ path: String) -> String {
      let name = path.split(separator: "/").last.map(String.init) ?? path
      return name.lowercased().hasSuffix(".md") ? String(name.dropLast(3)) : name
    }
    var random = SystemRandomNumberGenerator()
    let pieces = [
      "a", "/", ".", "m", "M", "d", "D", ".md", "\u{E9}", "\u{0301}", "\u{0600}", "\u{212A}",
    ]
    for _ in 0..<20_000 {
      let path = (0..<Int.random(in: 1...7, using: &random)).map { _ in
        pieces.randomElement(using: &random)!
      }.joined()
      #expect(FieldReader.stem(of: path) == byCharacters(path), "\(path.debugDescription)")
    }
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
