import Foundation
import Rendering
import SystemIO

/// Runs `/bin/sh -c COMMAND` in the foreground, sharing the terminal (so `less` and editors
/// work), optionally feeding it text on standard input. Uses posix_spawn directly: the child
/// stays in our process group and gets default SIGPIPE and SIGINT handling back.
public enum Subprocess {
  public struct Result {
    public var status: Int32
    public var launchError: String?

    /// Reports a non-zero exit or a failure to start on standard error; true when all went well.
    public func reportFailure(_ command: String) -> Bool {
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

  public static func run(_ command: String, input: ByteSink?) -> Result {
    Output.standard.flush()
    var fds: [Int32] = [-1, -1]
    if input != nil, pipe(&fds) != 0 {
      return Result(status: -1, launchError: String(cString: strerror(errno)))
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if input != nil {
      posix_spawn_file_actions_adddup2(&actions, fds[0], 0)
      posix_spawn_file_actions_addclose(&actions, fds[0])
      posix_spawn_file_actions_addclose(&actions, fds[1])
    }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGPIPE)
    sigaddset(&defaults, SIGINT)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))

    var pid: pid_t = 0
    let argv: [UnsafeMutablePointer<CChar>?] = [strdup("sh"), strdup("-c"), strdup(command), nil]
    defer { argv.forEach { free($0) } }
    let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, environ)
    if input != nil { close(fds[0]) }
    guard spawned == 0 else {
      if input != nil { close(fds[1]) }
      return Result(status: -1, launchError: String(cString: strerror(spawned)))
    }
    if let input {
      // The command may stop reading early (`head -1`): a closed pipe is not our error.
      input.withBytes { try? Files.writeAll(fds[1], UnsafeRawBufferPointer($0)) }
      close(fds[1])
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    let exited = status & 0x7F == 0
    return Result(status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), launchError: nil)
  }
}
