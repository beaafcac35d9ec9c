#if canImport(Glibc)
  import Glibc
#endif

/// A fresh folder under /tmp, removed (with its contents) on deinit.
final class TemporaryFolder {
  let path: String

  init() {
    var template = Array("/tmp/lineedit-test-XXXXXX".utf8CString)
    path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
  }

  deinit {
    _ = system("rm -rf '\(path)'")
  }

  func read(_ name: String) -> String? {
    guard let file = fopen(path + "/" + name, "r") else { return nil }
    defer { fclose(file) }
    var out: [UInt8] = []
    while case let c = fgetc(file), c != EOF { out.append(UInt8(c)) }
    return String(decoding: out, as: UTF8.self)
  }

  func write(_ name: String, _ text: String) {
    let file = fopen(path + "/" + name, "w")!
    fputs(text, file)
    fclose(file)
  }

  func mode(_ name: String) -> mode_t? {
    var status = stat()
    guard stat(path + "/" + name, &status) == 0 else { return nil }
    return status.st_mode & 0o777
  }
}
