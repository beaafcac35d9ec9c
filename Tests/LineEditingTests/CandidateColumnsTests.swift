import LineEditing
import Testing

@Suite struct CandidateColumnsTests {
  @Test func fillsDownThenAcross() {
    let lines = CandidateColumns.lines(["a", "bb", "ccc", "d", "e"], width: 12)
    // cell width 3 + 2 = 5; (12 + 2) / 5 = 2 columns; 3 rows
    #expect(lines == ["a    d", "bb   e", "ccc"])
  }

  @Test func oneLineWhenEverythingFits() {
    #expect(
      CandidateColumns.lines([".help", ".history", ".quit"], width: 80) == [
        ".help     .history  .quit"
      ])
  }

  @Test func longCandidateGetsItsOwnLine() {
    let lines = CandidateColumns.lines(["office:la-dcfs/regional/lancaster", "x"], width: 20)
    #expect(lines == ["office:la-dcfs/regional/lancaster", "x"])
  }

  @Test func longListIsCutWithACount() {
    let words = (1...30).map { "w\($0)" }
    // width 3 + 2 = 5 per cell, 2 columns in 10 → 15 rows
    let lines = CandidateColumns.lines(words, width: 10, maxLines: 5)
    #expect(lines.count == 5)
    #expect(lines[0] == "w1   w16")
    #expect(lines.last == "… 22 more")  // 4 rows × 2 columns shown
    #expect(CandidateColumns.lines(words, width: 200, maxLines: 5).count == 1)
  }

  @Test func emptyListHasNoLines() {
    #expect(CandidateColumns.lines([], width: 80).isEmpty)
  }

  @Test func wideCharactersTakeTwoColumns() {
    #expect(CandidateColumns.lines(["東京", "ab"], width: 80) == ["東京  ab"])
  }

  @Test func controlCharactersAreEscaped() {
    let hostile = "evil\u{1B}]0;pwned\u{07}\nname\t\u{9B}x\u{202E}"
    let lines = CandidateColumns.lines([hostile, "ok"], width: 200)
    #expect(lines == ["evil\\e]0;pwned\\a\\nname\\t\\u{9B}x\\u{202E}  ok"])
    #expect(
      !lines.joined().unicodeScalars.contains {
        $0.value < 0x20 || (0x7F...0x9F).contains($0.value)
      })
  }
}
