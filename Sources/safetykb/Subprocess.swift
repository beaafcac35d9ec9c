import Foundation

/// Runs `/bin/sh -c COMMAND`, optionally feeding it text, with the terminal's standard output and
/// error.
enum Subprocess {
  struct Result {
    var status: Int32
    var launchError: String?

    /// Reports a non-zero exit or a failure to start on standard error; true when all went well.
    func reportFailure(_ command: String) -> Bool {
      if let launchError {
        Output.error.write("error: cannot run '\(command)': \(launchError)\n")
        return false
      }
      if status != 0 {
        Output.error.write("error: '\(command)' exited with status \(status)\n")
        return false
      }
      return true
    }
  }

  static func run(_ command: String, input: String?) -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    let pipe = input == nil ? nil : Pipe()
    if let pipe { process.standardInput = pipe }
    do {
      try process.run()
    } catch {
      return Result(status: -1, launchError: "\(error.localizedDescription)")
    }
    if let pipe, let input {
      // The command may stop reading early (`head -1`): a closed pipe is not our error.
      let handle = pipe.fileHandleForWriting
      let data = Data(input.utf8)
      data.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
          let n = write(handle.fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
          if n <= 0 {
            if n < 0, errno == EINTR { continue }
            break
          }
          offset += n
        }
      }
      try? handle.close()
    }
    process.waitUntilExit()
    if process.terminationReason == .uncaughtSignal {
      return Result(status: 128 + process.terminationStatus, launchError: nil)
    }
    return Result(status: process.terminationStatus, launchError: nil)
  }
}
