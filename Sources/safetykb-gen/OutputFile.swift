#if canImport(Glibc)
  import Glibc
#endif

/// A file written through stdio's buffer: fast for many small writes.
final class OutputFile {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  private let handle: UnsafeMutablePointer<FILE>
  private let path: String

  init(path: String) throws(Failure) {
    guard let h = fopen(path, "w") else {
      throw Failure(description: "cannot write '\(path)': \(String(cString: strerror(errno)))")
    }
    handle = h
    self.path = path
  }

  func write(_ text: String) {
    var t = text
    t.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, handle) }
  }

  func close() throws(Failure) {
    if fclose(handle) != 0 {
      throw Failure(description: "cannot write '\(path)': \(String(cString: strerror(errno)))")
    }
  }

  /// Writes a whole file at once.
  static func write(_ path: String, _ text: String) throws(Failure) {
    let file = try OutputFile(path: path)
    file.write(text)
    try file.close()
  }
}
