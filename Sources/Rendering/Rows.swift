/// The rows of a result table: either stored cells, or cells produced on demand from the data
/// they come from. A query answering 60,000 entries renders straight from the entries, without
/// first building (and then freeing) 60,000 arrays of cells.
public struct Rows: RandomAccessCollection, ExpressibleByArrayLiteral, Sendable {
  enum Storage: Sendable {
    case stored([[Cell]])
    case computed(CellSource)
  }

  /// Where computed cells come from. A class, so the storage enum holds a plain reference
  /// (Swift 6.3.1 miscompiled reads of a struct beside an enum payload holding the closure).
  final class CellSource: Sendable {
    let columns: Int
    let count: Int
    let cell: @Sendable (_ row: Int, _ column: Int) -> Cell

    init(columns: Int, count: Int, cell: @escaping @Sendable (_ row: Int, _ column: Int) -> Cell) {
      self.columns = columns
      self.count = count
      self.cell = cell
    }
  }

  let storage: Storage

  public init(_ rows: [[Cell]]) {
    storage = .stored(rows)
  }

  public init(arrayLiteral rows: [Cell]...) {
    storage = .stored(rows)
  }

  /// `count` rows of `columns` cells, each made by `cell(row, column)` when it is read.
  public init(
    count: Int, columns: Int, cell: @escaping @Sendable (_ row: Int, _ column: Int) -> Cell
  ) {
    storage = .computed(CellSource(columns: columns, count: count, cell: cell))
  }

  public var startIndex: Int { 0 }

  public var endIndex: Int {
    switch storage {
    case .stored(let rows): return rows.count
    case .computed(let source): return source.count
    }
  }

  public subscript(row: Int) -> Row { Row(rows: self, index: row) }

  /// The cell at a row and column.
  public func cell(_ row: Int, _ column: Int) -> Cell {
    switch storage {
    case .stored(let rows): return rows[row][column]
    case .computed(let source): return source.cell(row, column)
    }
  }

  func width(of row: Int) -> Int {
    switch storage {
    case .stored(let rows): return rows[row].count
    case .computed(let source): return source.columns
    }
  }

  /// The same rows with every cell changed by `change`, computed on demand.
  public func mapCells(_ change: @escaping @Sendable (Cell) -> Cell) -> Rows {
    let base = self
    switch storage {
    case .stored(let rows):
      return Rows(rows.map { $0.map(change) })
    case .computed(let source):
      return Rows(count: source.count, columns: source.columns) { change(base.cell($0, $1)) }
    }
  }

  /// One row: its cells, indexed from 0.
  public struct Row: RandomAccessCollection, Sendable {
    let rows: Rows
    let index: Int

    public var startIndex: Int { 0 }
    public var endIndex: Int { rows.width(of: index) }
    public subscript(column: Int) -> Cell { rows.cell(index, column) }
  }
}
