import Foundation

extension KnowledgeBaseLocator {
  /// The knowledge bases to open, searched together: every `--kb` given, else the folders in
  /// `$SAFETYKB_KB` (separated by `:`), else those the config file names
  /// (`$XDG_CONFIG_HOME/safetykb/config.yaml`, `knowledge-bases:`), else the one `locate` finds.
  /// Fails with a message when the config file cannot be read.
  public static func locateAll(
    flags: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
    workingDirectory: String = FileManager.default.currentDirectoryPath,
    executable: String = executablePath()
  ) -> Result<[(path: String, origin: Origin)], LocatorError> {
    let given = flags.filter { !$0.isEmpty }
    if !given.isEmpty { return .success(given.map { ($0, .flag) }) }
    if let env = environment["SAFETYKB_KB"] {
      let folders = env.split(separator: ":").map(String.init).filter { !$0.isEmpty }
      if !folders.isEmpty { return .success(folders.map { ($0, .environment) }) }
    }
    if let config = configFile(environment), FileManager.default.fileExists(atPath: config) {
      switch configured(config, environment: environment, executable: executable) {
      case .failure(let error): return .failure(error)
      case .success(let folders) where !folders.isEmpty:
        return .success(folders.map { ($0, .config) })
      case .success: break
      }
    }
    guard
      let one = locate(
        flag: nil, environment: [:], workingDirectory: workingDirectory, executable: executable)
    else { return .success([]) }
    return .success([one])
  }

  public struct LocatorError: Error, Equatable, CustomStringConvertible {
    public var description: String
  }

  /// `$XDG_CONFIG_HOME/safetykb/config.yaml`, else `~/.config/safetykb/config.yaml`.
  public static func configFile(_ environment: [String: String]) -> String? {
    if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
      return xdg + "/safetykb/config.yaml"
    }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return home + "/.config/safetykb/config.yaml"
  }

  /// The folders a config file names under `knowledge-bases:`: `bundled` for the bundled one,
  /// `~/` for the home folder, other relative paths from the config file's folder.
  static func configured(_ path: String, environment: [String: String], executable: String)
    -> Result<[String], LocatorError>
  {
    func fail(_ why: String) -> Result<[String], LocatorError> {
      .failure(LocatorError(description: "cannot use the config file '\(path)': \(why)"))
    }
    guard case .success(let bytes) = FileReader.read(path) else { return fail("cannot read it") }
    let tree: YAMLTree?
    do {
      tree = try YAMLTree.parse(
        FrontMatter.normalise(String(decoding: bytes, as: UTF8.self)), path: path, firstLine: 1)
    } catch {
      return fail("line \(error.location.line): \(error.message)")
    }
    guard case .mapping(let pairs, _) = tree else {
      return tree == nil ? .success([]) : fail("expected a mapping with 'knowledge-bases'")
    }
    guard let value = pairs.first(where: { $0.key == "knowledge-bases" })?.value else {
      return .success([])
    }
    let items: [YAMLTree]
    switch value {
    case .sequence(let list, _): items = list
    case .scalar: items = [value]
    case .null: items = []
    default: return fail("'knowledge-bases' must be a list of folders")
    }
    let base = (path as NSString).deletingLastPathComponent
    var folders: [String] = []
    for item in items {
      guard case .scalar(let text, _) = item, !text.trimmed.isEmpty else {
        return fail("'knowledge-bases' must be a list of folders")
      }
      let t = text.trimmed
      if t == "bundled" {
        guard let bundled = bundled(executable: executable) else {
          return fail("no bundled knowledge base is installed")
        }
        folders.append(bundled)
      } else if t.hasPrefix("~/"), let home = environment["HOME"] {
        folders.append(home + t.dropFirst())
      } else {
        folders.append(t.hasPrefix("/") ? t : KnowledgeBase.join(base, t))
      }
    }
    return .success(folders)
  }
}
