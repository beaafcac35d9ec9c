/// Many sorted lists of numbers in one flat array, with where each list starts (a compressed
/// sparse row layout). One allocation instead of one per list: the index of 100,000 entries
/// holds hundreds of thousands of lists, and reading it from the cache is a few large copies.
struct PostingLists: Sendable, Equatable {
  /// `offsets[i] ..< offsets[i + 1]` is list `i` in `values`; `offsets.count == count + 1`.
  private(set) var offsets: [Int32]
  private(set) var values: [Int32]

  init() {
    offsets = [0]
    values = []
  }

  /// From the cache: nil unless the offsets start at 0, never decrease and end at the end.
  init?(offsets: [Int32], values: [Int32]) {
    guard let first = offsets.first, first == 0, offsets.last == Int32(values.count) else {
      return nil
    }
    var previous: Int32 = 0
    for o in offsets {
      if o < previous { return nil }
      previous = o
    }
    self.offsets = offsets
    self.values = values
  }

  /// Lists built by `Filling`, whose offsets are right by construction.
  private init(built offsets: [Int32], _ values: [Int32]) {
    self.offsets = offsets
    self.values = values
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

    var lists: PostingLists { PostingLists(built: offsets, values) }
  }

  var count: Int { offsets.count - 1 }

  /// List `i`, indexed from 0 (a view: nothing is copied).
  subscript(i: Int) -> List {
    List(storage: values, base: Int(offsets[i]), count: Int(offsets[i + 1] - offsets[i]))
  }

  /// Element `k` of list `i`.
  func element(_ i: Int, _ k: Int) -> Int32 { values[Int(offsets[i]) + k] }

  /// One list of `PostingLists`, indexed from 0.
  struct List: RandomAccessCollection, Sendable {
    let storage: [Int32]
    let base: Int
    let count: Int

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
