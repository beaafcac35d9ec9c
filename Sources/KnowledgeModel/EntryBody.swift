import CacheFormat
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An entry's body: its text, or where the entries cache keeps it. A knowledge base loaded from
/// the cache reads no body until one is asked for (to show an entry, print a `body` column or
/// build the index), so a warm start neither reads nor holds the bulk of the text.
enum EntryBody: Sendable {
  case text(String)
  case stored(StoredBody)
  /// Not kept (a load for `check`, which needs only to know whether it is blank): reads as empty.
  case omitted(blank: Bool)

  var text: String {
    switch self {
    case .text(let s): return s
    case .stored(let stored): return stored.read()
    case .omitted: return ""
    }
  }
}

/// A body in the entries cache: its place in the file's block of bodies and its checksum. When
/// the bytes there are not what was written (the file was damaged), the body is read from the
/// entry's own file instead, and the cache file is removed so that the next load rebuilds it.
final class StoredBody: Sendable {
  let store: BodyStore
  let offset: Int
  let length: Int
  let checksum: UInt64
  /// The entry's file, relative to the root.
  let path: String

  init(store: BodyStore, offset: Int, length: Int, checksum: UInt64, path: String) {
    self.store = store
    self.offset = offset
    self.length = length
    self.checksum = checksum
    self.path = path
  }

  func read() -> String {
    if let bytes = store.file.bytes(at: offset, count: length),
      Checksum.of(bytes) == checksum
    {
      return String(decoding: bytes, as: UTF8.self)
    }
    store.discard()
    let display = KnowledgeBase.join(store.displayRoot, path)
    guard case .success(let bytes) = FileReader.read(display) else { return "" }
    return store.parser.parse(bytes: bytes, path: path, displayPath: display).entry?.body ?? ""
  }
}

/// The entries cache's open blocks file, that stored records and bodies are read from (kept
/// open, and only ever added to, so a newer cache never moves the bytes), how far into it the
/// places of this cache reach, and how to read an entry's file when a body cannot be read from
/// the cache.
final class BodyStore: Sendable {
  let file: CacheFile.OpenFile
  /// Where the file was opened from.
  let path: String
  /// How far into the file the places of bodies may reach (they count from its start).
  let length: Int
  let displayRoot: String
  let parser: EntryParser

  init(
    file: CacheFile.OpenFile, path: String, length: Int, displayRoot: String,
    parser: EntryParser
  ) {
    self.file = file
    self.path = path
    self.length = length
    self.displayRoot = displayRoot
    self.parser = parser
  }

  /// Removes the blocks file, when the file at its path is still the one that was opened, so
  /// that the next load writes the cache whole (the payload naming it no longer opens).
  func discard() {
    var opened = stat()
    var current = stat()
    guard fstat(file.fd, &opened) == 0, stat(path, &current) == 0,
      opened.st_dev == current.st_dev, opened.st_ino == current.st_ino
    else { return }
    unlink(path)
  }
}
