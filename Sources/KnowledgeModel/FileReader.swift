import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reads whole files with plain POSIX calls, reporting why a read failed in words. Only regular
/// files are read: a named pipe would wait forever and a link to `/dev/zero` would never end.
enum FileReader {
  struct Failure: Error {
    var message: String
  }

  static func read(_ path: String) -> Result<[UInt8], Failure> {
    // O_NONBLOCK: opening a named pipe must not wait for a writer; it is refused below.
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else {
      return .failure(Failure(message: "cannot read file: \(errorText(errno))"))
    }
    defer { close(fd) }
    var status = stat()
    guard fstat(fd, &status) == 0 else {
      return .failure(Failure(message: "cannot read file: \(errorText(errno))"))
    }
    guard status.st_mode & S_IFMT == S_IFREG else {
      return .failure(Failure(message: "cannot read file: not a regular file"))
    }
    if status.st_size > 0 { return readKnownSize(fd, Int(status.st_size)) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        return .failure(Failure(message: "cannot read file: \(errorText(errno))"))
      }
      if n == 0 { break }
      bytes.append(contentsOf: chunk[0..<n])
    }
    return .success(bytes)
  }

  static func errorText(_ code: Int32) -> String {
    String(cString: strerror(code)).lowercased()
  }

  /// A regular file of known size: one allocation, read straight into it (a file that grew
  /// meanwhile is read to its end in chunks).
  static func readKnownSize(_ fd: Int32, _ size: Int) -> Result<[UInt8], Failure> {
    var failure: Failure?
    var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialised in
      while initialised < size {
        let n = Glibc.read(fd, buffer.baseAddress! + initialised, size - initialised)
        if n < 0 {
          if errno == EINTR { continue }
          failure = Failure(message: "cannot read file: \(errorText(errno))")
          return
        }
        if n == 0 { break }
        initialised += n
      }
    }
    if let failure { return .failure(failure) }
    guard bytes.count == size else { return .success(bytes) }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if n < 0, errno == EINTR { continue }
      if n <= 0 { break }
      bytes.append(contentsOf: chunk[0..<n])
    }
    return .success(bytes)
  }
}
