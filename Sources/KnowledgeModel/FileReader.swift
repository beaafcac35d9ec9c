import SystemIO

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
}
