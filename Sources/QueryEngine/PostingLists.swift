import KnowledgeModel

/// Many sorted lists of numbers in one flat array, with where each list starts (a compressed
/// sparse row layout). One allocation instead of one per list: the index of 100,000 entries
/// holds hundreds of thousands of lists.
///
/// The lists are either in memory (an index just built) or in an `IndexFile`, two sections
/// `NAME.offsets` and `NAME.values`, read a list at a time when a query asks for it.
struct PostingLists: Sendable {
  private enum Storage: Sendable {
    /// `offsets[i] ..< offsets[i + 1]` is list `i` in `values`; `offsets.count == count + 1`.
    case memory(offsets: [Int32], values: [Int32])
    case file(IndexFile, name: String, values: Int)
    /// Lists made when asked for (those of an index brought up to date, merged from the lists
    /// of the index it was built from and those of the entries it lacked).
    case computed(count: Memo<Int>, make: @Sendable (Int) -> [Int32])
  }
  private let storage: Storage
  private let storedCount: Int

  /// How many lists there are.
  var count: Int {
    if case .computed(let count, _) = storage { return count.get }
    return storedCount
  }

  init() {
    storage = .memory(offsets: [0], values: [])
    storedCount = 0
  }

  /// Lists whose offsets are right by construction (built by `Filling` or `FieldRuns`).
  init(offsets: [Int32], values: [Int32]) {
    storage = .memory(offsets: offsets, values: values)
    storedCount = offsets.count - 1
  }

  /// The lists in the sections `name.offsets` and `name.values` of a file, or nil when the
  /// sections do not fit together.
  init?(file: IndexFile, name: String) {
    let offsets = file.length(name + ".offsets")
    let values = file.length(name + ".values")
    guard offsets >= 4, offsets % 4 == 0, values % 4 == 0, values / 4 <= Int(Int32.max) else {
      return nil
    }
    storage = .file(file, name: name, values: values / 4)
    storedCount = offsets / 4 - 1
  }

  /// `count` lists, list `i` being `make(i)` (sorted), made each time it is asked for.
  init(count: Int, computed make: @escaping @Sendable (Int) -> [Int32]) {
    self.init(count: Memo(value: count), computed: make)
  }

  /// Lists whose number is known only when first asked for.
  init(count: Memo<Int>, computed make: @escaping @Sendable (Int) -> [Int32]) {
    storage = .computed(count: count, make: make)
    storedCount = 0
  }

  /// Lists of these values, in one flat array.
  init(_ lists: [[Int32]]) {
    var filling = Filling(counts: lists.map { Int32($0.count) })
    for (i, list) in lists.enumerated() { for value in list { filling.append(value, to: i) } }
    self = filling.lists
  }

  /// Writes the lists as two sections.
  func write(_ name: String, to writer: inout IndexFileWriter) {
    let (offsets, values) = arrays()
    writer.add(name + ".offsets", offsets)
    writer.add(name + ".values", values)
  }

  /// The offsets and values, whole (read from the file when they live there).
  func arrays() -> (offsets: [Int32], values: [Int32]) {
    switch storage {
    case .memory(let offsets, let values): return (offsets, values)
    case .file(let file, let name, _):
      guard let offsets = file.int32s(name + ".offsets"),
        let values = file.int32s(name + ".values"),
        PostingLists.fits(offsets, values.count)
      else {
        file.markDamaged()
        return ([0] + [Int32](repeating: 0, count: count), [])
      }
      return (offsets, values)
    case .computed(_, let make):
      var offsets: [Int32] = [0]
      var values: [Int32] = []
      offsets.reserveCapacity(count + 1)
      for i in 0..<count {
        values += make(i)
        offsets.append(Int32(values.count))
      }
      return (offsets, values)
    }
  }

  /// Whether offsets start at 0, never decrease and end at the end of the values.
  static func fits(_ offsets: [Int32], _ values: Int) -> Bool {
    guard offsets.first == 0, offsets.last == Int32(values) else { return false }
    var previous: Int32 = 0
    for o in offsets {
      if o < previous { return false }
      previous = o
    }
    return true
  }

  /// Every list, in order, read in one go (for a pass over all of them).
  func all() -> [List] {
    let (offsets, values) = arrays()
    return (0..<count).map {
      List(storage: values, base: Int(offsets[$0]), count: Int(offsets[$0 + 1] - offsets[$0]))
    }
  }

  /// Lists of known lengths, filled in any order of lists, each list front to back: one flat
  /// array allocated once, no list grown element by element.
  struct Filling {
    private let offsets: [Int32]
    private var next: [Int32]
    private var values: [Int32]

    init(counts: [Int32]) {
      var offsets = [Int32](repeating: 0, count: counts.count + 1)
      for (i, n) in counts.enumerated() { offsets[i + 1] = offsets[i] + n }
      self.offsets = offsets
      next = Array(offsets.dropLast())
      values = [Int32](repeating: 0, count: Int(offsets.last!))
    }

    mutating func append(_ value: Int32, to list: Int) {
      values[Int(next[list])] = value
      next[list] += 1
    }

    /// How many values list `list` has so far.
    func filled(_ list: Int) -> Int32 { next[list] - offsets[list] }

    var lists: PostingLists { PostingLists(offsets: offsets, values: values) }
  }

  /// List `i`, indexed from 0 (in memory a view, nothing copied; from a file, read and checked).
  /// A list that cannot be read is empty, and its file is marked damaged.
  subscript(i: Int) -> List {
    switch storage {
    case .memory(let offsets, let values):
      return List(storage: values, base: Int(offsets[i]), count: Int(offsets[i + 1] - offsets[i]))
    case .file(let file, let name, let total):
      guard i >= 0, i < count, let bounds = file.int32s(name + ".offsets", i..<i + 2),
        bounds[0] >= 0, bounds[0] <= bounds[1], Int(bounds[1]) <= total,
        let values = file.int32s(name + ".values", Int(bounds[0])..<Int(bounds[1]))
      else {
        file.markDamaged()
        return .empty
      }
      return List(storage: values, base: 0, count: values.count)
    case .computed(_, let make):
      return List(make(i))
    }
  }

  /// One list of `PostingLists`, indexed from 0.
  struct List: RandomAccessCollection, Sendable {
    let storage: [Int32]
    let base: Int
    let count: Int

    static let empty = List(storage: [], base: 0, count: 0)

    init(storage: [Int32], base: Int, count: Int) {
      self.storage = storage
      self.base = base
      self.count = count
    }

    /// A list of these values.
    init(_ values: [Int32]) { self.init(storage: values, base: 0, count: values.count) }

    var startIndex: Int { 0 }
    var endIndex: Int { count }
    subscript(k: Int) -> Int32 { storage[base + k] }

    /// Elements `from ..< to`, as an array.
    func elements(_ from: Int, _ to: Int) -> ArraySlice<Int32> {
      storage[(base + from)..<(base + to)]
    }

    var array: [Int32] { Array(storage[base..<(base + count)]) }
  }
}
