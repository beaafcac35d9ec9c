import CacheFormat

#if canImport(Glibc)
  import Glibc
#endif

/// The words an index builder has met, numbered in the order met: an open-addressing hash table
/// over the words' bytes, kept one after another in one array. Words come straight from the
/// text's bytes, so a word met again (most are) costs a hash and a comparison, never a `String`.
struct WordTable {
  /// By hash (linear probing): 0 for an empty slot, else the word's hash's upper half beside its
  /// number plus one, so a probe compares hashes without reading anything else. Never more than
  /// half full.
  private var slots = [UInt64](repeating: 0, count: 1024)
  private var hashes: [UInt64] = []
  private var bytes: [UInt8] = []
  /// Where each word ends in `bytes` (it begins where the one before ends).
  private var ends: [Int32] = []

  var count: Int { ends.count }

  /// The number of `word`, numbered now when it is new.
  mutating func number(of word: UnsafeBufferPointer<UInt8>) -> Int32 {
    let hash = Checksum.of(UnsafeRawBufferPointer(word))
    let tag = hash & 0xFFFF_FFFF_0000_0000
    let mask = slots.count - 1
    var i = Int(truncatingIfNeeded: hash) & mask
    while true {
      let slot = slots[i]
      if slot == 0 { break }
      if slot & 0xFFFF_FFFF_0000_0000 == tag {
        let k = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1
        if isWord(k, word) { return Int32(k) }
      }
      i = (i + 1) & mask
    }
    let k = ends.count
    bytes.append(contentsOf: word)
    ends.append(Int32(bytes.count))
    hashes.append(hash)
    slots[i] = tag | UInt64(k + 1)
    if ends.count * 2 > slots.count { grow() }
    return Int32(k)
  }

  mutating func number(of word: String) -> Int32 {
    var word = word
    return word.withUTF8 { number(of: $0) }
  }

  /// Word `k`.
  func word(_ k: Int) -> String {
    let start = k == 0 ? 0 : Int(ends[k - 1])
    return bytes.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[start..<Int(ends[k])]), as: UTF8.self)
    }
  }

  /// Every word, by number.
  var words: [String] { (0..<count).map(word) }

  private func isWord(_ k: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = k == 0 ? 0 : Int(ends[k - 1])
    guard Int(ends[k]) - start == word.count else { return false }
    return bytes.withUnsafeBufferPointer { all in
      // Most words are short: compared in place rather than through a call.
      guard word.count > 16 else {
        for j in 0..<word.count where all[start + j] != word[j] { return false }
        return true
      }
      return memcmp(all.baseAddress! + start, word.baseAddress!, word.count) == 0
    }
  }

  private mutating func grow() {
    slots = [UInt64](repeating: 0, count: slots.count * 2)
    let mask = slots.count - 1
    for (k, hash) in hashes.enumerated() {
      var i = Int(truncatingIfNeeded: hash) & mask
      while slots[i] != 0 { i = (i + 1) & mask }
      slots[i] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(k + 1)
    }
  }
}
