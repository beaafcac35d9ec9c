import TerminalText

/// The rows of a result table, stored flat: one slot per cell, row after row.
///
/// A slot holds either a cell or a piece of a shared text buffer. The query engine keeps the
/// short fields of every entry (id, kind, date, title) in one such buffer, so a table of tens of
/// thousands of entries is built without copying or retaining a string per cell, and the data
/// formats write those pieces out byte for byte.
///
/// For everything else a `RowTable` is a collection of rows, each a collection of cells:
/// `for row in table { row[0] }`, or an array literal of rows in tests.
public struct RowTable: Sendable {
  /// Cells per row.
  public let width: Int
  private var slots: [Slot] = []
  private var cells: [Cell] = []
  /// The UTF-8 text that `appendShared` slots point into.
  let shared: [UInt8]
  /// A line to show under each row in a table (a ranked query's snippets), or nil. Other formats
  /// leave it out.
  public var details: [Cell]?

  /// An empty table of `width` cells a row whose shared slots point into `text` (valid UTF-8).
  public init(width: Int, sharing text: [UInt8] = [], capacity rows: Int = 0) {
    self.width = Swift.max(0, width)
    self.shared = text
    slots.reserveCapacity(rows * self.width)
  }

  /// A table of these rows; short rows are padded with nulls to the widest.
  public init(_ rows: [[Cell]]) {
    self.init(width: rows.map(\.count).max() ?? 0, capacity: rows.count)
    for row in rows {
      for cell in row { append(cell) }
      for _ in row.count..<width { append(.null) }
    }
  }

  /// Adds the next cell (rows fill left to right, then the next row begins).
  public mutating func append(_ cell: Cell) {
    if case .null = cell {
      slots.append(.null)
      return
    }
    slots.append(Slot(cell: cells.count))
    cells.append(cell)
  }

  /// Adds the next cell as `count` bytes of the shared text from `start`, which must begin and
  /// end on character boundaries. `plain` promises the text is printable ASCII without a
  /// backslash, double quote or comma: the data formats then write it without looking at it.
  public mutating func appendShared(start: Int, count: Int, plain: Bool = false) {
    precondition(start >= 0 && count >= 0 && start + count <= shared.count)
    assert(!plain || shared[start..<start + count].allSatisfy(Escaping.isPlainDataByte))
    slots.append(Slot(start: start, count: count, plain: plain))
  }

  /// What one cell holds, without making a string of shared text.
  enum Content {
    case shared(Range<Int>, plain: Bool)
    case cell(Cell)
  }

  func content(_ row: Int, _ column: Int) -> Content {
    let slot = slots[row * width + column]
    if let range = slot.sharedRange { return .shared(range, plain: slot.isPlain) }
    if let index = slot.cellIndex { return .cell(cells[index]) }
    return .cell(.null)
  }

  /// The cell at a row and column.
  public func cell(_ row: Int, _ column: Int) -> Cell {
    switch content(row, column) {
    case .shared(let range, _): return .text(String(decoding: shared[range], as: UTF8.self))
    case .cell(let cell): return cell
    }
  }

  /// A slot: a cell's index in `cells` (top bit set), a range of `shared` (start in the low 32
  /// bits, length in the next 30, bit 62 set when the text is plain), or null (all ones).
  struct Slot: Sendable {
    let raw: UInt64

    static let null = Slot(raw: .max)
    private static let cellFlag: UInt64 = 1 << 63
    private static let plainFlag: UInt64 = 1 << 62

    private init(raw: UInt64) { self.raw = raw }

    init(cell index: Int) {
      precondition(index < Int(UInt32.max))
      raw = Self.cellFlag | UInt64(index)
    }

    init(start: Int, count: Int, plain: Bool) {
      precondition(start <= Int(UInt32.max) && count < 1 << 30)
      raw = UInt64(start) | UInt64(count) << 32 | (plain ? Self.plainFlag : 0)
    }

    var sharedRange: Range<Int>? {
      guard raw & Self.cellFlag == 0 else { return nil }
      let start = Int(truncatingIfNeeded: raw & 0xFFFF_FFFF)
      return start..<start + Int(truncatingIfNeeded: (raw >> 32) & 0x3FFF_FFFF)
    }

    var isPlain: Bool { raw & Self.cellFlag == 0 && raw & Self.plainFlag != 0 }

    var cellIndex: Int? {
      raw == Slot.null.raw || raw & Self.cellFlag == 0
        ? nil : Int(truncatingIfNeeded: raw & 0xFFFF_FFFF)
    }
  }
}

extension RowTable: RandomAccessCollection {
  public var startIndex: Int { 0 }
  public var endIndex: Int { width == 0 ? 0 : slots.count / width }
  public subscript(row: Int) -> Row { Row(table: self, row: row) }

  /// One row: its cells, made on demand.
  public struct Row: RandomAccessCollection, Sendable {
    let table: RowTable
    let row: Int
    public var startIndex: Int { 0 }
    public var endIndex: Int { table.width }
    public subscript(column: Int) -> Cell { table.cell(row, column) }
  }
}

extension RowTable: ExpressibleByArrayLiteral {
  public init(arrayLiteral rows: [Cell]...) { self.init(rows) }
}

extension RowTable: Hashable {
  /// Tables are equal when their cells are, however they are stored.
  public static func == (a: RowTable, b: RowTable) -> Bool {
    a.width == b.width && a.count == b.count
      && a.indices.allSatisfy { r in (0..<a.width).allSatisfy { a.cell(r, $0) == b.cell(r, $0) } }
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(width)
    for row in self { for cell in row { hasher.combine(cell) } }
  }
}
