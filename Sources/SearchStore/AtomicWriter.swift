#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Replaces a file so that readers and crashes see either the old file or the new one, whole: the
/// new text goes to a temporary file in the same folder, which is written, fsync'ed and renamed
/// over the old file; then the folder is fsync'ed so the rename itself is durable. On any failure
/// (a full disk, a size limit) the temporary file is removed and the old file is untouched.
enum AtomicWriter {
  static func replace(_ bytes: [UInt8], at path: String, mode: mode_t) throws(SystemError) {
    let folder = FileIO.folder(of: path)
    let name = path.split(separator: "/").last.map(String.init) ?? path
    let temporary = "\(folder)/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw SystemError.current("could not create a temporary file") }
    var closed = false
    var renamed = false
    defer {
      if !closed { close(fd) }
      if !renamed { unlink(temporary) }
    }
    guard fchmod(fd, mode) == 0 else { throw SystemError.current("could not set permissions") }
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { raw in
        write(fd, raw.baseAddress! + offset, raw.count - offset)
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw SystemError.current("could not write")
      }
      offset += n
    }
    guard fsync(fd) == 0 else { throw SystemError.current("could not flush to disk") }
    closed = true
    guard close(fd) == 0 else { throw SystemError.current("could not write") }
    guard rename(temporary, path) == 0 else { throw SystemError.current("could not replace") }
    renamed = true
    let folderFD = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard folderFD >= 0 else { throw SystemError.current("could not open the folder to flush it") }
    defer { close(folderFD) }
    guard fsync(folderFD) == 0 else { throw SystemError.current("could not flush the folder") }
  }
}
