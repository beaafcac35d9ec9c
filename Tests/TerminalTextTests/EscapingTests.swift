import Testing

@testable import TerminalText

@Suite struct EscapingTests {
  @Test func makesControlCharactersVisible() {
    #expect(Escaping.visible("a\u{1B}[31mred\u{7}") == "a\\e[31mred\\a")
    #expect(Escaping.visible("x\ry\u{8}") == "x\\ry\\b")
    #expect(Escaping.visible("evil\u{202E}txt") == "evil\\u{202E}txt")
    #expect(Escaping.visible("café 東京") == "café 東京")
  }

  @Test func keepingLinesKeepsNewlinesAndTabsOnly() {
    #expect(Escaping.visibleKeepingLines("a\n\tb\u{1B}]0;t\u{7}") == "a\n\tb\\e]0;t\\a")
    #expect(Escaping.visibleKeepingLines("back\\tslash") == "back\\tslash")
  }

  @Test func widthCountsWideAndCombiningCharacters() {
    #expect(DisplayWidth.of("東京") == 4)
    #expect(DisplayWidth.of("café") == 4)
    #expect(DisplayWidth.of("e\u{301}") == 1)
    #expect(DisplayWidth.truncate("東京タワー", to: 5) == "東京…")
  }

  @Test(
    "emoji take two columns, as terminals draw them",
    arguments: [
      ("🚀", 2), ("✅", 2), ("✔️", 2), ("👨‍👩‍👧", 2), ("🇺🇸", 2), ("👍🏽", 2), ("ok ✅", 5),
      ("한국어", 6), ("\u{200B}", 0), ("a\u{0}", 1),
    ])
  func emojiWidth(text: String, width: Int) {
    #expect(DisplayWidth.of(text) == width)
  }

  @Test func truncatingNeverSplitsAnEmojiSequence() {
    #expect(DisplayWidth.truncate("ab👨‍👩‍👧cd", to: 4) == "ab…")
    #expect(DisplayWidth.truncate("ab👨‍👩‍👧cd", to: 5) == "ab👨‍👩‍👧…")
  }
}
