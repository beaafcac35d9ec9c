/// How the entries of a knowledge base differ from those an index was built from, matched by
/// path and by the content hash of each entry's file: which entries of the index are gone or
/// changed, which entries are fresh (added, or changed), and the new number of every entry kept.
///
/// Entries are numbered in path order on both sides, so the new numbering keeps the order of the
/// old one: a sorted list of old numbers, renumbered and without the entries gone, stays sorted,
/// and fresh entries merge into it by number.
struct IndexChanges: Sendable, Equatable {
  /// How many entries there are now.
  let count: Int
  /// For each entry of the index: its number now, or -1 when it is gone or changed.
  let renumbered: [Int32]
  /// The numbers now of the entries the index does not have, ascending.
  let fresh: [Int32]
  /// For each entry now: its number in the index, or `-1 - k` for `fresh[k]`.
  let origin: [Int32]

  /// How many entries of the index are gone or changed.
  var removed: Int { renumbered.count - (count - fresh.count) }

  /// Whether nothing changed.
  var isEmpty: Bool { fresh.isEmpty && renumbered.count == count }

  /// The changes from the entries `old` (paths and content hashes, in path order) to `new`; nil
  /// when either side is not in strictly increasing path order (then nothing can be matched
  /// safely, and the index is built again).
  static func between(
    old: (paths: [String], hashes: [UInt64]), new: (paths: [String], hashes: [UInt64])
  ) -> IndexChanges? {
    guard old.paths.count == old.hashes.count, new.paths.count == new.hashes.count else {
      return nil
    }
    var renumbered = [Int32](repeating: -1, count: old.paths.count)
    var origin = [Int32](repeating: 0, count: new.paths.count)
    var fresh: [Int32] = []
    var i = 0
    var j = 0
    while i < old.paths.count || j < new.paths.count {
      if i > 0, i < old.paths.count, !(old.paths[i - 1] < old.paths[i]) { return nil }
      if j > 0, j < new.paths.count, !(new.paths[j - 1] < new.paths[j]) { return nil }
      if j == new.paths.count || (i < old.paths.count && old.paths[i] < new.paths[j]) {
        i += 1  // gone
      } else if i == old.paths.count || new.paths[j] < old.paths[i] {
        origin[j] = -1 - Int32(fresh.count)
        fresh.append(Int32(j))
        j += 1
      } else {
        if old.hashes[i] == new.hashes[j] {
          renumbered[i] = Int32(j)
          origin[j] = Int32(i)
        } else {
          origin[j] = -1 - Int32(fresh.count)
          fresh.append(Int32(j))
        }
        i += 1
        j += 1
      }
    }
    return IndexChanges(
      count: new.paths.count, renumbered: renumbered, fresh: fresh, origin: origin)
  }

  /// `list` (sorted numbers of the index) renumbered, without the entries gone or changed,
  /// merged with `freshList` (sorted places in `fresh`).
  func merge(_ list: some RandomAccessCollection<Int32>, _ freshList: some Collection<Int32>)
    -> [Int32]
  {
    var out: [Int32] = []
    out.reserveCapacity(list.count + freshList.count)
    var f = freshList.makeIterator()
    var next = f.next().map { fresh[Int($0)] }
    for old in list {
      guard old >= 0, Int(old) < renumbered.count else { continue }
      let n = renumbered[Int(old)]
      guard n >= 0 else { continue }
      while let m = next, m < n {
        out.append(m)
        next = f.next().map { fresh[Int($0)] }
      }
      out.append(n)
    }
    while let m = next {
      out.append(m)
      next = f.next().map { fresh[Int($0)] }
    }
    return out
  }

  /// A value for each entry now, from `old` (by number in the index) or `new` (by place in
  /// `fresh`).
  func perEntry<T>(_ old: [T], _ new: [T]) -> [T] {
    origin.map { $0 >= 0 ? old[Int($0)] : new[Int(-1 - $0)] }
  }
}
