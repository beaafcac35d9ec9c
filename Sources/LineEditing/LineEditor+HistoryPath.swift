extension LineEditor {
  /// Where the shell keeps its history: `$SAFETYKB_HISTORY` if set and not empty, else
  /// `$XDG_STATE_HOME/safetykb/history` (when `XDG_STATE_HOME` is an absolute path, as the XDG
  /// spec requires), else `$HOME/.local/state/safetykb/history`; nil without any of them.
  public static func defaultHistoryPath(environment: [String: String]) -> String? {
    if let explicit = environment["SAFETYKB_HISTORY"], !explicit.isEmpty { return explicit }
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      return join(state, "safetykb/history")
    }
    if let home = environment["HOME"], !home.isEmpty {
      return join(home, ".local/state/safetykb/history")
    }
    return nil
  }

  private static func join(_ folder: String, _ rest: String) -> String {
    folder.hasSuffix("/") ? folder + rest : folder + "/" + rest
  }
}
