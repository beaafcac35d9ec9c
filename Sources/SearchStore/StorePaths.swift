/// Where the personal store lives, from the environment.
public enum StorePaths {
  /// `$SAFETYKB_SEARCHES` when set; otherwise `$XDG_CONFIG_HOME/safetykb/searches.yaml` when
  /// `XDG_CONFIG_HOME` is an absolute path; otherwise `$HOME/.config/safetykb/searches.yaml`.
  public static func personal(environment: [String: String]) -> String {
    if let path = environment["SAFETYKB_SEARCHES"], !path.isEmpty { return path }
    if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
      return config + "/safetykb/searches.yaml"
    }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
    return home + "/.config/safetykb/searches.yaml"
  }
}
