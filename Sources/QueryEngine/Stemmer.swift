import CStemmer

/// Snowball English stemming over libstemmer. Not thread-safe: each index build and each query
/// run makes its own.
final class Stemmer {
  private let handle: OpaquePointer?

  init() { handle = sb_stemmer_new("english", nil) }

  deinit { if let handle { sb_stemmer_delete(handle) } }

  /// The stem of a folded word (`reviewed` → `review`), after its spelling is made American
  /// (`organisations` → `organizations` → `organ`), so that spelling variants share a stem.
  func stem(_ word: String) -> String {
    let word = SpellingVariants.fold(word)
    guard let handle else { return word }
    var utf8 = Array(word.utf8)
    return utf8.withUnsafeMutableBufferPointer { buffer -> String in
      guard let out = sb_stemmer_stem(handle, buffer.baseAddress, Int32(buffer.count)) else {
        return word
      }
      let length = Int(sb_stemmer_length(handle))
      return String(decoding: UnsafeBufferPointer(start: out, count: length), as: UTF8.self)
    }
  }
}
