/// The entries of a knowledge base, in path order. Entries parsed in this process are held; an
/// entry loaded through the cache is decoded from its record each time it is asked for, so a
/// command that prints ids and titles from the index never decodes the entries at all.
public struct EntryList: RandomAccessCollection, Sendable, ExpressibleByArrayLiteral {
  private enum Storage: Sendable {
    case held([Entry])
    case recorded(RecordedEntries)
    /// Entries of another list (`picks[i] >= 0`) and new ones (`fresh[-1 - picks[i]]`).
    indirect case picked(EntryList, picks: [Int32], fresh: [Entry])
    /// The entries of several lists one after another, each changed as it is read.
    case joined([JoinedPart], starts: [Int])
  }
  private let storage: Storage

  public init(_ entries: [Entry]) { storage = .held(entries) }
  public init(arrayLiteral entries: Entry...) { storage = .held(entries) }
  init(recorded: RecordedEntries) { storage = .recorded(recorded) }

  /// A list of entries of `base` (`picks[i] >= 0`) and of `fresh` (`fresh[-1 - picks[i]]`), in
  /// the order of `picks`: none of `base` is decoded until asked for. Picking from a picked list
  /// picks from its own base, so lists never nest deeper than one.
  init(picking picks: [Int32], from base: EntryList, fresh: [Entry]) {
    guard case .picked(let inner, let innerPicks, let innerFresh) = base.storage else {
      storage = .picked(base, picks: picks, fresh: fresh)
      return
    }
    let shift = Int32(innerFresh.count)
    let composed = picks.map { p in p >= 0 ? innerPicks[Int(p)] : p - shift }
    storage = .picked(inner, picks: composed, fresh: innerFresh + fresh)
  }

  /// The entries of `parts` one after another, each part's changed as `JoinedPart` says when
  /// it is read: none is decoded until asked for.
  init(joining parts: [JoinedPart]) {
    var starts = [0]
    for part in parts { starts.append(starts.last! + part.list.count) }
    storage = .joined(parts, starts: starts)
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int {
    switch storage {
    case .held(let entries): return entries.count
    case .recorded(let recorded): return recorded.count
    case .picked(_, let picks, _): return picks.count
    case .joined(_, let starts): return starts.last!
    }
  }

  public subscript(i: Int) -> Entry {
    switch storage {
    case .held(let entries): return entries[i]
    case .recorded(let recorded): return recorded.entry(i)
    case .picked(let base, let picks, let fresh):
      let p = Int(picks[i])
      return p >= 0 ? base[p] : fresh[-1 - p]
    case .joined(let parts, let starts):
      let k = Self.part(of: i, starts)
      var entry = parts[k].list[i - starts[k]]
      parts[k].change(&entry)
      return entry
    }
  }

  /// The part entry `i` of a joined list is in (parts are few: a walk).
  private static func part(of i: Int, _ starts: [Int]) -> Int {
    var k = 0
    while starts[k + 1] <= i { k += 1 }
    return k
  }

  /// The id of entry `i`: for an entry left in the cache, read from the start of its record
  /// without decoding the rest.
  public func id(at i: Int) -> String {
    if case .joined(let parts, let starts) = storage {
      let k = Self.part(of: i, starts)
      return parts[k].id(parts[k].list.id(at: i - starts[k]))
    }
    return field(i, \.id) { $0.id($1) }
  }

  /// The path of entry `i`, without decoding an entry left in the cache.
  public func path(at i: Int) -> String {
    if case .joined(let parts, let starts) = storage {
      let k = Self.part(of: i, starts)
      return parts[k].path(parts[k].list.path(at: i - starts[k]))
    }
    return field(i, \.path) { $0.path($1) }
  }

  /// Entry `i`'s `key`, found for an entry left in the cache by `recorded`.
  private func field(
    _ i: Int, _ key: KeyPath<Entry, String>, recorded: (RecordedEntries, Int) -> String
  ) -> String {
    switch storage {
    case .held(let entries): return entries[i][keyPath: key]
    case .recorded(let list): return recorded(list, i)
    case .picked(let base, let picks, let fresh):
      let p = Int(picks[i])
      return p >= 0 ? base.field(p, key, recorded: recorded) : fresh[-1 - p][keyPath: key]
    case .joined: return self[i][keyPath: key]
    }
  }

  /// Every entry's id, in order, read on every core without decoding entries left in the
  /// cache.
  public func ids() -> [String] {
    inRuns { $0.map { id(at: $0) } }.flatMap { $0 }
  }

  /// The strings `values` gives for every entry, gathered on every core: for a pass over every
  /// entry, such as the values a completion offers.
  public func gathered(_ values: @Sendable (Entry) -> [String]) -> Set<String> {
    inRuns { range in
      var out = Set<String>()
      for i in range { out.formUnion(values(self[i])) }
      return out
    }.reduce(into: Set<String>()) { $0.formUnion($1) }
  }

  /// Calls `body` with each entry of `range` in order, and its number, as the subscript gives
  /// them; for a walk of every entry, such as an index build: entries left in the cache are read
  /// with their bodies, a large window of the file at a time (`WindowedReads`), rather than
  /// with a read of the file each for the record and the body. (`window`, in bytes, is for
  /// tests.)
  public func forEach(
    in range: Range<Int>, window: Int = WindowedReads.size, _ body: (Int, Entry) -> Void
  ) {
    guard case .recorded(let recorded) = storage else {
      for i in range { body(i, self[i]) }
      return
    }
    let reads = recorded.windowedReads(size: window)
    for i in range { body(i, recorded.entry(i, through: reads)) }
  }

  /// `work` for each run of entries (64 runs, or one per entry when there are fewer), on
  /// every core; the results in order.
  func inRuns<T: Sendable>(_ work: @Sendable (Range<Int>) -> T) -> [T] {
    let count = count
    let runs = Swift.min(64, count)
    return Loader.parseAll(runs) { r in work(r * count / runs..<(r + 1) * count / runs) }
      .map { $0! }
  }
}

/// Entries some of which stay in the entries cache until asked for: for each entry, the file it
/// came from and either the entry parsed this time or where its record lies in the cache.
final class RecordedEntries: Sendable {
  /// Where the entry of a file comes from.
  enum Source: Sendable {
    case parsed(Entry)
    /// The entry is that of this record of the cache.
    case cached(Int)
  }

  private let cache: LoadCache
  private let files: [String]
  /// For each entry: its file's number in `files`, and its record's number in the cache (or -1).
  private let fileNumbers: [Int32]
  private let places: [Int]
  private let parsed: [Int: Entry]
  private let finish: @Sendable (inout Entry) -> Void

  init(
    cache: LoadCache, files: [String], sources: [(file: Int, source: Source)],
    finish: @escaping @Sendable (inout Entry) -> Void
  ) {
    self.cache = cache
    self.files = files
    fileNumbers = sources.map { Int32($0.file) }
    var places: [Int] = []
    var parsed: [Int: Entry] = [:]
    places.reserveCapacity(sources.count)
    for (n, (_, source)) in sources.enumerated() {
      switch source {
      case .parsed(let entry):
        places.append(-1)
        parsed[n] = entry
      case .cached(let place): places.append(place)
      }
    }
    self.places = places
    self.parsed = parsed
    self.finish = finish
  }

  var count: Int { places.count }

  /// The path of entry `n`: that of the file it came from.
  func path(_ n: Int) -> String { parsed[n]?.path ?? files[Int(fileNumbers[n])] }

  func id(_ n: Int) -> String {
    if let entry = parsed[n] { return entry.id }
    return cache.storedID(places[n]) ?? entry(n).id
  }

  func entry(_ n: Int) -> Entry {
    if let entry = parsed[n] { return entry }
    let relative = files[Int(fileNumbers[n])]
    var entry =
      cache.entry(places[n], relative) ?? Entry(id: "", title: "", path: relative)
    finish(&entry)
    return entry
  }

  /// Reads for a walk of the entries in order (`entry(_:through:)`).
  func windowedReads(size: Int) -> WindowedReads { cache.windowedReads(size: size) }

  /// Entry `n` as `entry` gives it, read through `reads` with its body.
  func entry(_ n: Int, through reads: WindowedReads) -> Entry {
    if let entry = parsed[n] { return entry }
    let relative = files[Int(fileNumbers[n])]
    var entry =
      cache.entry(places[n], relative, through: reads)
      ?? Entry(id: "", title: "", path: relative)
    finish(&entry)
    return entry
  }
}

/// One list of a joined list (several knowledge bases searched as one), and how its entries
/// change there: `change` for a whole entry, and what it does to an id and a path alone (for
/// `EntryList.id(at:)` and `path(at:)`, which decode nothing).
struct JoinedPart: Sendable {
  let list: EntryList
  let id: @Sendable (String) -> String
  let path: @Sendable (String) -> String
  let change: @Sendable (inout Entry) -> Void
}

extension EntryList: Equatable {
  public static func == (a: EntryList, b: EntryList) -> Bool { a.elementsEqual(b) }
}
