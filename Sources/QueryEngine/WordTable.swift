import CacheFormat

#if canImport(Glibc)
  import Glibc
#endif

/// The words an index builder has met, numbered in the order met: an open-addressing hash table
/// over the words' bytes, kept one after another in one array. Words come straight from the
/// text's bytes, so a word met again (most are) costs a hash and a comparison, never a `String`.
///
/// Each slot holds a word's first eight bytes beside its length and number, so a word of eight
/// bytes or fewer (most words) is found with one read of the table, the only read likely to miss
/// the processor's caches: the words' bytes are read only to compare the rest of a longer word.
struct WordTable {
  /// By hash (linear probing), two numbers a slot: the first is 0 for an empty slot, else the
  /// hash's upper 24 bits, the word's length (255 for any longer) and its number plus one; the
  /// second is its first eight bytes, zero after its end. Never more than half full.
  private var slots = [UInt64](repeating: 0, count: 2 * 1024)
  private var hashes: [UInt64] = []
  private var bytes: [UInt8] = []
  /// Where each word ends in `bytes` (it begins where the one before ends).
  private var ends: [Int32] = []

  var count: Int { ends.count }

  /// The number of `word`, numbered now when it is new.
  mutating func number(of word: UnsafeBufferPointer<UInt8>) -> Int32 {
    let prefix = Self.prefix(word)
    let hash = Self.hash(word, prefix: prefix)
    let wanted = Self.meta(hash: hash, count: word.count)
    let mask = slots.count / 2 - 1
    var i = Int(truncatingIfNeeded: hash) & mask
    let found: Int? = slots.withUnsafeBufferPointer { slots in
      while true {
        let meta = slots[2 * i]
        if meta == 0 { return nil }
        if meta & ~0xFFFF_FFFF == wanted && slots[2 * i + 1] == prefix {
          let k = Int(truncatingIfNeeded: meta & 0xFFFF_FFFF) - 1
          if word.count <= 8 || isWord(k, word) { return k }
        }
        i = (i + 1) & mask
      }
    }
    if let found { return Int32(found) }
    let k = ends.count
    bytes.append(contentsOf: word)
    ends.append(Int32(bytes.count))
    hashes.append(hash)
    slots[2 * i] = wanted | UInt64(k + 1)
    slots[2 * i + 1] = prefix
    if ends.count * 4 > slots.count { grow() }
    return Int32(k)
  }

  mutating func number(of word: String) -> Int32 {
    var word = word
    return word.withUTF8 { number(of: $0) }
  }

  /// Word `k`.
  func word(_ k: Int) -> String {
    bytes.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[range(k)]), as: UTF8.self)
    }
  }

  /// Every word, by number.
  var words: [String] { (0..<count).map(word) }

  private func range(_ k: Int) -> Range<Int> {
    (k == 0 ? 0 : Int(ends[k - 1]))..<Int(ends[k])
  }

  /// The first eight bytes of `word` as one number, zero after its end.
  @inline(__always)
  private static func prefix(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
    if word.count >= 8 {
      return UnsafeRawBufferPointer(word).loadUnaligned(as: UInt64.self).littleEndian
    }
    var prefix: UInt64 = 0
    for j in 0..<word.count { prefix |= UInt64(word[j]) << (8 * UInt64(j)) }
    return prefix
  }

  /// A word's hash: for one of eight bytes or fewer, its prefix (which is all of it) mixed with
  /// its length; for a longer one, the checksum of its bytes.
  @inline(__always)
  private static func hash(_ word: UnsafeBufferPointer<UInt8>, prefix: UInt64) -> UInt64 {
    guard word.count <= 8 else { return Checksum.of(UnsafeRawBufferPointer(word)) }
    var h = prefix ^ (UInt64(word.count) &* 0x9E37_79B9_7F4A_7C15)
    h = (h ^ (h >> 33)) &* 0xFF51_AFD7_ED55_8CCD
    h = (h ^ (h >> 33)) &* 0xC4CE_B9FE_1A85_EC53
    return h ^ (h >> 33)
  }

  /// A slot's first number without the word's number: the hash's upper bits and the length.
  @inline(__always)
  private static func meta(hash: UInt64, count: Int) -> UInt64 {
    (hash & 0xFFFF_FF00_0000_0000) | UInt64(min(count, 255)) << 32
  }

  /// Whether word `k` is `word`, which has its length and first eight bytes.
  private func isWord(_ k: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
    let range = range(k)
    guard range.count == word.count else { return false }
    return bytes.withUnsafeBufferPointer { all in
      memcmp(all.baseAddress! + range.lowerBound + 8, word.baseAddress! + 8, word.count - 8) == 0
    }
  }

  private mutating func grow() {
    slots = [UInt64](repeating: 0, count: slots.count * 2)
    let mask = slots.count / 2 - 1
    bytes.withUnsafeBufferPointer { all in
      for (k, hash) in hashes.enumerated() {
        let word = UnsafeBufferPointer(rebasing: all[range(k)])
        var i = Int(truncatingIfNeeded: hash) & mask
        while slots[2 * i] != 0 { i = (i + 1) & mask }
        slots[2 * i] = Self.meta(hash: hash, count: word.count) | UInt64(k + 1)
        slots[2 * i + 1] = Self.prefix(word)
      }
    }
  }
}
