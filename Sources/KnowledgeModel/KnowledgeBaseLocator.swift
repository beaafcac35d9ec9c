import Foundation

/// Decides which knowledge base to open: `--kb DIR`, else `$SAFETYKB_KB`, else `./knowledge` when
/// it has a vocabulary, else the bundled one (installed beside the binary or, in a build tree, the
/// repository's own `knowledge/`).
public enum KnowledgeBaseLocator {
  public enum Origin: String, Sendable {
    case flag = "--kb"
    case environment = "SAFETYKB_KB"
    case config = "config.yaml"
    case workingDirectory = "./knowledge"
    case bundled = "bundled"
  }

  public static func locate(
    flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
    workingDirectory: String = FileManager.default.currentDirectoryPath,
    executable: String = executablePath()
  ) -> (path: String, origin: Origin)? {
    if let flag, !flag.isEmpty { return (flag, .flag) }
    if let env = environment["SAFETYKB_KB"], !env.isEmpty { return (env, .environment) }
    let local = KnowledgeBase.join(workingDirectory, "knowledge")
    if FileManager.default.fileExists(
      atPath: KnowledgeBase.join(local, KnowledgeBase.vocabularyFile))
    {
      return ("knowledge", .workingDirectory)
    }
    if let bundled = bundled(executable: executable) { return (bundled, .bundled) }
    return nil
  }

  /// `PREFIX/share/safetykb/knowledge` for an installed `PREFIX/bin/safetykb`; in a build tree
  /// (`REPO/.build/…/safetykb`) the repository's `knowledge/`.
  public static func bundled(executable: String) -> String? {
    var dir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
    let installed = dir.deletingLastPathComponent().appendingPathComponent(
      "share/safetykb/knowledge")
    if hasVocabulary(installed.path) { return installed.path }
    for _ in 0..<6 {
      let candidate = dir.appendingPathComponent("knowledge")
      if hasVocabulary(candidate.path),
        FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path)
      {
        return candidate.path
      }
      dir.deleteLastPathComponent()
    }
    return nil
  }

  static func hasVocabulary(_ folder: String) -> Bool {
    FileManager.default.fileExists(atPath: KnowledgeBase.join(folder, KnowledgeBase.vocabularyFile))
  }

  /// The running binary's path (`/proc/self/exe` on Linux).
  public static func executablePath() -> String {
    if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      return link
    }
    return CommandLine.arguments.first ?? "safetykb"
  }
}
