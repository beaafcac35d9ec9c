import TerminalText
import Testing

@testable import Rendering

/// Cells that point into shared text must render exactly as the same text held in cells, in
/// every format, into a string and into bytes: the fast paths may skip work, never change output.
@Suite struct RowTableTests {
  static let texts = [
    "plain", "", "tab\there", "comma, \"quoted\"", "say \"hi\"", "back\\slash", "new\nline\r\n",
    "café 東京",
    "\u{1B}[31mred\u{1B}[0m", "bidi \u{202E}txt", "del\u{7F}", "pipe | cell", "e\u{301}",
    "a long plain title of more than eight bytes", "control \u{01} inside", "ends in tab\t",
  ]

  /// The texts laid out as the engine lays out its listing: one buffer, a slot for each, marked
  /// plain when it is (or, with `marking` off, never).
  static func shared(width: Int, marking: Bool = true) -> RowTable {
    let buffer = Array(texts.joined().utf8)
    var table = RowTable(width: width, sharing: buffer)
    var start = 0
    for text in texts {
      let plain = marking && text.utf8.allSatisfy(Escaping.isPlainDataByte)
      table.appendShared(start: start, count: text.utf8.count, plain: plain)
      start += text.utf8.count
    }
    while texts.count % width != 0, table.count * width < texts.count { table.append(.null) }
    return table
  }

  static func plain(width: Int) -> RowTable {
    var rows: [[Cell]] = []
    for i in stride(from: 0, to: texts.count, by: width) {
      rows.append(texts[i..<min(i + width, texts.count)].map { .text($0) })
    }
    return RowTable(rows)
  }

  @Test(arguments: [1, 2, 3, 5])
  func sharedTextRendersAsCells(width: Int) {
    let columns = (0..<width).map { ["id", "kind", "date", "title", "x"][$0] }
    let slow = ResultTable.rows(columns: columns, rows: Self.plain(width: width))
    for marking in [true, false] {
      let fast = ResultTable.rows(
        columns: columns, rows: Self.shared(width: width, marking: marking))
      #expect(fast == slow)
      for format in Format.allCases {
        for options in [RenderOptions.plain, RenderOptions(width: 60, terminal: true)] {
          let expected = Renderer.render(slow, as: format, options: options)
          #expect(Renderer.render(fast, as: format, options: options) == expected, "\(format)")
          var bytes = ByteSink(capacity: 1)
          Renderer.render(fast, as: format, options: options, into: &bytes)
          #expect(bytes.text == expected, "\(format), bytes, marked \(marking)")
        }
      }
    }
  }

  @Test func sharedSlotsReadBackAsText() {
    let table = Self.shared(width: 3)
    #expect(table.count == 6)
    #expect(table.cell(0, 2) == .text("tab\there"))
    #expect(table[1][2] == .text("back\\slash"))
    #expect(table[4][0] == .text("e\u{301}"))
    #expect(table[5][0] == .text("ends in tab\t") && table[5][1] == .null)
  }

  @Test func rowsArePaddedAndNullsKept() {
    let table: RowTable = [[.text("a")], [.text("b"), .null, .integer(3)]]
    #expect(table.width == 3)
    #expect(
      table.map { Array($0) } == [[.text("a"), .null, .null], [.text("b"), .null, .integer(3)]])
    #expect(RowTable([]).isEmpty && RowTable([]).width == 0)
  }

  @Test func equalTablesHashAlike() {
    #expect(Self.shared(width: 2).hashValue == Self.plain(width: 2).hashValue)
    #expect(Self.shared(width: 2) != Self.plain(width: 3))
    #expect(RowTable([[.text("a")]]) != RowTable([[.text("b")]]))
  }

  @Test func byteSinkGrowsAndKeepsEverything() {
    let sink = ByteSink(capacity: 1)
    var expected = ""
    for n in 0..<5000 {
      let piece = "\(n) café\n"
      expected += piece
      if n % 2 == 0 {
        sink.write(piece)
      } else {
        Array(piece.utf8).withUnsafeBufferPointer { sink.write(utf8: $0) }
      }
    }
    #expect(sink.text == expected)
    #expect(sink.count == expected.utf8.count)
    sink.removeAll()
    #expect(sink.count == 0 && sink.text.isEmpty)
  }
}
