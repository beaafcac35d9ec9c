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
