import SystemIO

#if canImport(Glibc)
  import Glibc
#endif

/// Reads whole entry and vocabulary files, reporting why a read failed in words (see
/// `Files.read`: only regular files are read).
enum FileReader {
  struct Failure: Error {
    var message: String
  }

  static func read(_ path: String) -> Result<[UInt8], Failure> {
    do {
      return .success(try Files.read(path) ?? [])
    } catch {
      return .failure(Failure(message: "cannot read file: \(error.why)"))
    }
  }

  /// The bytes of the file at `path` and its stamp, taken from the open file before it is read
  /// (one `fstat`, where a stamp and then a read would look the path up twice); the stamp is nil
  /// when the file could not be read.
  static func readStamped(_ path: String) -> (stamp: FileStamp?, bytes: Result<[UInt8], Failure>) {
    path.withCString { read($0, in: AT_FDCWD, path: path) }
  }

  /// `readStamped` for the file `name` in the open folder `folder`, named `path` in errors.
  static func read(_ name: UnsafePointer<CChar>, in folder: Int32, path: String)
    -> (stamp: FileStamp?, bytes: Result<[UInt8], Failure>)
  {
    let read = Result { () throws(FileError) in try Files.read(name, in: folder, path: path) }
    switch read {
    case .success(let read): return (FileStamp(read.status), .success(read.bytes))
    case .failure(let error):
      return (nil, .failure(Failure(message: "cannot read file: \(error.why)")))
    }
  }
}
